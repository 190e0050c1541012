// Evaluating assertions

export { subjectText } from './assertion-handler.ts';
// Assertion types
export type { AssertionType } from './assertion-handlers.ts';
export { ASSERTION_TYPES, NOT_NEGATABLE, parseAssertionType } from './assertion-handlers.ts';
// Checking suites at load
export { checkAssertionSpec } from './check-assertion-spec.ts';
export type { CaseGrade } from './evaluate-assertion.ts';
export { evaluateAssertion, evaluateAssertions, gradeResults } from './evaluate-assertion.ts';
export { findRefusal } from './is-refusal.ts';
// Building blocks other parts reuse (metrics, reports)
export type { JsonPathSegment, ParsedJsonPath } from './json-path.ts';
export { parseJsonPath, readJsonPath } from './json-path.ts';
export { judgePrompt, parseJudgeAnswer } from './llm-rubric.ts';
export type { ReadabilityScores } from './readability.ts';
export { readabilityScores } from './readability.ts';
export { cosineSimilarity, DEFAULT_SIMILARITY_THRESHOLD } from './similar.ts';
