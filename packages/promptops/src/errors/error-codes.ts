/**
 * The one table of error codes (DESIGN.md section 8). Every failure a caller can act on has a stable
 * code here, one HTTP status and one CLI exit code. Codes are data; messages are rendered where the
 * error is raised, with the file, line, field or parameter that caused it. A new code goes into the
 * client SDK's list too (packages/client/src/error-codes.ts; its contract test fails until it does).
 */
export const ERROR_CODES = {
  invalid_argument: {
    status: 400,
    exit: 2,
    summary: 'a command-line argument or request parameter is wrong',
  },
  file_invalid: { status: 400, exit: 5, summary: 'a project file is malformed or breaks its schema' },
  config_invalid: { status: 400, exit: 5, summary: 'promptops.yaml or policies.yaml is malformed' },
  variable_invalid: { status: 400, exit: 5, summary: 'a variable is missing or breaks the variable schema' },
  template_error: { status: 400, exit: 5, summary: 'a template cannot be parsed or rendered' },
  fragment_cycle: { status: 400, exit: 5, summary: 'fragments include each other in a cycle or too deeply' },
  unauthenticated: { status: 401, exit: 6, summary: 'no valid token or session' },
  forbidden: { status: 403, exit: 6, summary: 'the caller lacks the role this action needs' },
  prompt_not_found: { status: 404, exit: 3, summary: 'no prompt, fragment or example bank by that name' },
  version_not_found: { status: 404, exit: 3, summary: 'the artifact has no such version' },
  environment_not_found: { status: 404, exit: 3, summary: 'no such environment, or nothing deployed there' },
  change_request_not_found: { status: 404, exit: 3, summary: 'no change request with that number' },
  route_not_found: { status: 404, exit: 3, summary: 'no such API route (server only)' },
  user_not_found: { status: 404, exit: 3, summary: 'no user or token by that name' },
  run_not_found: { status: 404, exit: 3, summary: 'no run record with that id' },
  sample_not_found: { status: 404, exit: 3, summary: 'no sampled live run with that id' },
  eval_case_not_found: { status: 404, exit: 3, summary: 'no proposed eval case with that id' },
  experiment_not_found: { status: 404, exit: 3, summary: 'no A/B experiment with that id' },
  model_not_found: {
    status: 404,
    exit: 3,
    summary: 'no route or configured provider/model by that name (ad-hoc chats)',
  },
  policy_refused: {
    status: 422,
    exit: 7,
    summary: 'a governance rule refuses it: four eyes, approvals, eval gate, freeze window or canary rule',
  },
  conflict: { status: 409, exit: 4, summary: 'the catalog changed since the caller read it (stale parent)' },
  retired: {
    status: 409,
    exit: 4,
    summary: 'the artifact is retired and takes no new versions or deployments',
  },
  locked: { status: 423, exit: 4, summary: 'another process holds the embedded database' },
  guard_blocked: { status: 422, exit: 7, summary: 'a guardrail blocked the request or the output' },
  budget_exceeded: { status: 429, exit: 7, summary: 'a hard budget limit refuses the call' },
  retrieval_refused: {
    status: 422,
    exit: 7,
    summary:
      "a retrieval source's classification or environments are not allowed for the prompt (policies.yaml retrieval_by_classification)",
  },
  retrieval_failed: { status: 502, exit: 8, summary: 'a retrieval source could not be searched' },
  output_invalid: { status: 502, exit: 8, summary: 'the model output failed validation after retries' },
  provider_error: { status: 502, exit: 8, summary: 'the model provider failed' },
  provider_timeout: { status: 504, exit: 8, summary: 'the model provider did not answer in time' },
  eval_failed: {
    status: 422,
    exit: 11,
    summary: 'an eval suite missed its thresholds (pass rate or a metric minimum)',
  },
  lint_failed: {
    status: 422,
    exit: 12,
    summary: 'the prompt linter found error-level findings (docs/lint.md)',
  },
  audit_broken: { status: 500, exit: 9, summary: 'the audit chain does not verify' },
  database_error: { status: 503, exit: 10, summary: 'the database could not be reached or migrated' },
  internal: { status: 500, exit: 1, summary: 'a bug: please report it with the request id' },
} as const satisfies Record<string, { status: number; exit: number; summary: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export function httpStatusOf(code: ErrorCode): number {
  return ERROR_CODES[code].status;
}

export function exitCodeOf(code: ErrorCode): number {
  return ERROR_CODES[code].exit;
}
