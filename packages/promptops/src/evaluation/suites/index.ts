// Eval suite files (DESIGN.md sections 3 and 6): evals/**/*.yaml, their CSV/JSONL case files and
// synthetic variants, read into SuiteCase lists for the runner. README.md holds the file contract.

// Synthetic edge cases
export { INJECTION_EXPECTATION } from './add-synthetic-cases.ts';
// The file format
export { AssertionSpec } from './assertion-spec.ts';
export {
  generateVariants,
  SYNTHETIC_TAG,
  VARIANT_SEPARATOR,
  type VariantOptions,
  type VariantResult,
} from './generate-variants.ts';
// Reading suites
export { type LoadedSuite, loadSuiteFile, parseSuiteFile, type ReadCaseFile } from './load-suite-file.ts';
export { loadSuites } from './load-suites.ts';
export { CASE_ID_PATTERN, SuiteCaseSpec } from './suite-case-spec.ts';
export { SUITE_KINDS, SuiteFile, type SuiteFileInput, SuiteTarget, SuiteThresholds } from './suite-file.ts';
export { CASE_FILE_EXTENSIONS, EVALS_FOLDER, suiteNameFromPath } from './suite-name.ts';
export { SyntheticSpec, VARIANT_KINDS, type VariantKind } from './synthetic-spec.ts';
