// The promptops library: everything the CLI does, as functions.

// Catalog
export {
  ARTIFACT_KINDS,
  type ArtifactKind,
  contentHash,
  ExampleBankContent,
  FragmentContent,
  PromptContent,
} from './catalog/content/index.ts';
export { diffVersions, type VersionDiff } from './catalog/diff/diff-versions.ts';
export { type Project, readProject } from './catalog/files/read-project.ts';
export {
  GUIDE_LINKS,
  type GuideLink,
  type GuideStep,
  guideUrl,
  LINT_RULE_GUIDES,
  lintRuleGuide,
} from './catalog/lint/guide-links.ts';
export { type Catalog, createCatalog } from './catalog/service/catalog.ts';
export { catalogFragmentSource } from './catalog/service/catalog-fragment-source.ts';
export type {
  ArtifactSummary,
  DeploymentSummary,
  VersionRecord,
  VersionSummary,
} from './catalog/service/records.ts';
export { renderVersion } from './catalog/service/render-version.ts';
export { parseReference, type VersionSelector } from './catalog/service/selector.ts';
export { type PullOptions, pullProject } from './catalog/sync/pull-project.ts';
export { type PushOptions, type PushReport, pushProject } from './catalog/sync/push-project.ts';
// Entry
export { createPromptops, type Promptops, type PromptopsOptions } from './create-promptops.ts';
// Errors
export { ERROR_CODES, type ErrorCode, PromptopsError } from './errors/index.ts';
// Continuous evaluation (sampled live runs: the review queue and scores per version)
export {
  listSamples,
  type Rating,
  rateSample,
  type SampleSummary,
  sampleScores,
  showSample,
  type VersionSampleScores,
} from './evaluation/continuous/index.ts';
// Audit
export { type AuditVerification, verifyAuditChain } from './governance/audit/index.ts';
// Runtime
export type { ChainResult } from './runtime/chains/index.ts';
export { createRuntime, type Runtime } from './runtime/create-runtime.ts';
export type { ModelProvider } from './runtime/providers/index.ts';
export type { RunOptions } from './runtime/run-options.ts';
export type { RunResult, RunStatus } from './runtime/run-result.ts';
export type { RunStream } from './runtime/stream-pipeline.ts';
export {
  SIGNATURE_HEADER,
  signToolRequest,
  TIMESTAMP_HEADER,
  type ToolCallContext,
  type ToolCallRecord,
  type ToolHandler,
} from './runtime/tools/index.ts';
// Templates
export { countChatTokens, type FragmentSource, type RenderResult, renderPrompt } from './templates/index.ts';
