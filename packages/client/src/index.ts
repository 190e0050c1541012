// @promptops/client: the public surface. Everything else in src/ is internal.

export { isServerUnavailable, PromptopsClientError } from './client-error.ts';
export {
  type CacheOptions,
  type ClientOptions,
  createClient,
  type PromptopsClient,
} from './create-client.ts';
export {
  CLIENT_ERROR_CODES,
  type ClientErrorCode,
  type ClientSideErrorCode,
  SERVER_ERROR_CODES,
  type ServerErrorCode,
} from './error-codes.ts';
export type { GetPromptOptions } from './prompt-cache.ts';
export type {
  PromptArtifact,
  PromptBody,
  PromptContent,
  PromptDeployment,
  PromptResult,
  PromptSource,
  PromptVersion,
} from './prompt-types.ts';
export type { CallOptions, ChatMessage, RunOptions, VersionTarget } from './run-options.ts';
export type {
  Arm,
  GuardVerdict,
  RunAttempt,
  RunResult,
  RunRetrievedPassage,
  RunStatus,
  RunToolCall,
  RunUsage,
} from './run-result.ts';
export type { StreamEvent } from './stream-run.ts';
export type { FetchFunction } from './transport.ts';
