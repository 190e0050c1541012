export {
  createToolRuntime,
  type ToolRuntime,
  type ToolRuntimeOptions,
  toolRuleFor,
} from './create-tool-runtime.ts';
export { decideToolCall } from './decide-tool-call.ts';
export { createHttpToolHandler, SIGNATURE_HEADER, signToolRequest, TIMESTAMP_HEADER } from './http-tool.ts';
export { toolLoopCall } from './run-tool-loop.ts';
export type { ToolCallRecord, ToolDecision } from './tool-call-record.ts';
export {
  createToolRegistry,
  type ToolCallContext,
  type ToolHandler,
  type ToolRegistry,
} from './tool-handler.ts';
export { ToolSession } from './tool-session.ts';
