// Suites run by the server (issue 10): on the editor's draft and on a change request's version,
// with the cases proposed from production run beside them. README.md says what is recorded.
export { listPromptSuites, type PromptSuite } from './prompt-suites.ts';
export { PROPOSED_CASES_LIMIT, type ProposedCase, proposedCasesOf } from './proposed-cases.ts';
export {
  runPromptSuites,
  SUITE_RUN_LIMIT,
  type SuiteRunDeps,
  type SuiteRunReport,
  type SuiteRunRequest,
  type SuiteRunResult,
} from './run-prompt-suites.ts';
export { EVALS_ACTOR, EVALS_PRINCIPAL } from './suite-run-actor.ts';
