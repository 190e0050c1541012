/**
 * The server's error codes, as packages/promptops/src/errors/error-codes.ts defines them. The client
 * ships its own copy (it talks to the server over HTTP only and never imports it);
 * test/error-codes.test.ts compares the two so they cannot drift apart.
 */
export const SERVER_ERROR_CODES = [
  'invalid_argument',
  'file_invalid',
  'config_invalid',
  'variable_invalid',
  'template_error',
  'fragment_cycle',
  'unauthenticated',
  'forbidden',
  'prompt_not_found',
  'version_not_found',
  'environment_not_found',
  'change_request_not_found',
  'route_not_found',
  'user_not_found',
  'run_not_found',
  'sample_not_found',
  'eval_case_not_found',
  'experiment_not_found',
  'model_not_found',
  'policy_refused',
  'conflict',
  'retired',
  'locked',
  'guard_blocked',
  'budget_exceeded',
  'retrieval_refused',
  'retrieval_failed',
  'output_invalid',
  'provider_error',
  'provider_timeout',
  'eval_failed',
  'lint_failed',
  'audit_broken',
  'database_error',
  'internal',
] as const;

export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/**
 * Failures the client itself detects, with no error envelope from the server to name them:
 * - `network_error`: the server could not be reached (refused, reset, DNS);
 * - `timeout`: no answer within `timeoutMs` (for a stream: before its first event, or between two);
 * - `aborted`: the caller's `signal` aborted;
 * - `unexpected_response`: an answer that is not the API's (a proxy's HTML error page, broken JSON).
 */
export const CLIENT_ERROR_CODES = ['network_error', 'timeout', 'aborted', 'unexpected_response'] as const;

export type ClientSideErrorCode = (typeof CLIENT_ERROR_CODES)[number];

export type ClientErrorCode = ServerErrorCode | ClientSideErrorCode;
