// The eval runner: suites run through the real runtime (or the renderer, for fragments), graded,
// measured and cached.

export { assertionServices } from './assertion-services.ts';
export { caseOutputOf, fragmentExecutor, promptExecutor } from './case-executors.ts';
export {
  createFileResponseCache,
  type ResponseCache,
  requestKey,
  withResponseCache,
} from './response-cache.ts';
export { type Assessment, type RunCasesOptions, runCases } from './run-cases.ts';
export { type CaseExecutor, flatThresholds, type RunSuiteOptions, runSuite } from './run-suite.ts';
