// promptops/testing: the test kit. A scripted model server that speaks the OpenAI chat-completions
// and Anthropic messages APIs, answers from rules and injects faults, for tests, CI and the demo.

// Helpers for assertions
export { cosineSimilarity, DEFAULT_EMBEDDING_DIMENSIONS, embedText } from './embed-text.ts';
export { parseServerSentEvents, type ServerSentEvent } from './parse-server-sent-events.ts';
export { loadScriptFile, ScriptFile } from './script-file.ts';
// Script
export type {
  RecordedRequest,
  ReplyFunction,
  RuleMatch,
  ScriptedFaults,
  ScriptedFinish,
  ScriptedProtocol,
  ScriptedReply,
  ScriptedReplyParts,
  ScriptedRequest,
  ScriptedToolCall,
  ScriptRule,
  StaticReply,
  TextMatch,
} from './script-types.ts';
// Server
export {
  type ScriptedModelServer,
  type ScriptedModelServerOptions,
  startScriptedModelServer,
} from './scripted-model-server.ts';
