// Continuous evaluation (issue 6, item 7): sampled live runs scored off the request path, a review
// queue where people rate them, and their scores per version. README.md holds the contract.

// Scoring
export { caseOutputOfRecord } from './case-output-of-record.ts';
// Reviewing
export {
  listSamplePage,
  listSamples,
  RATINGS,
  type RateSampleInput,
  type Rating,
  rateSample,
  type SampleFilter,
  type SamplePage,
  type SampleReviewDeps,
  type SampleSummary,
  SCORING_STATES,
  type ScoringState,
  sampleScores,
  showSample,
  type VersionSampleScores,
} from './review-samples.ts';
export { createSampleWorker, type SampleWorker, type SampleWorkerOptions } from './sample-worker.ts';
// Checking prompt content
export { type SamplingProblem, samplingAssertionProblems } from './sampling-assertion-problems.ts';
export { samplingJudge } from './sampling-judge.ts';
export {
  type SampleOutcome,
  SCORE_ATTEMPTS,
  type ScoreSamplesOptions,
  scoreDueSamples,
} from './score-due-samples.ts';
export { type JudgeVerdict, type SampleScore, scoreSample } from './score-sample.ts';
