export {
  buildCase,
  type CaseChoices,
  type CaseLine,
  type ExpectedOutcome,
  type VariablesFrom,
} from './build-case.ts';
export { type CaseSource, type CaseSourceRef, readCaseSource } from './case-source.ts';
export {
  auditCaseAdded,
  type CandidateFilter,
  type CandidateState,
  checkSuiteName,
  decideEvalCase,
  type EvalCaseCandidate,
  listEvalCaseCandidatePage,
  type ProposeEvalCaseInput,
  proposeEvalCase,
  showEvalCaseCandidate,
} from './eval-case-candidates.ts';
export { type ProposeExampleInput, proposeExample } from './example-proposals.ts';
export {
  type Feedback,
  type FeedbackBucket,
  type FeedbackDeps,
  type FeedbackInput,
  type FeedbackLabels,
  feedbackBucket,
  feedbackOnRun,
  MAX_FEEDBACK_COMMENT_CHARS,
  postRunFeedback,
} from './run-feedback.ts';
