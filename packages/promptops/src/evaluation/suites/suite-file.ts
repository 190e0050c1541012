import { z } from 'zod';
import { ARTIFACT_NAME_PATTERN, ENVIRONMENT_NAME_PATTERN } from '../../catalog/content/names.ts';
import { parseJsonPath } from '../assertions/index.ts';
import { AssertionList } from './assertion-spec.ts';
import { SuiteCaseSpec, Tag } from './suite-case-spec.ts';
import { SyntheticSpec } from './synthetic-spec.ts';

export const SUITE_KINDS = ['unit', 'behavioural', 'adversarial'] as const;

const ArtifactName = z
  .string()
  .max(200)
  .regex(ARTIFACT_NAME_PATTERN, 'expected a name like support/classify-intent');

/** Which version runs: a pinned one, an environment's, or (neither) the current draft. */
const TargetVersion = {
  version: z.number().int().min(1).optional().describe('A pinned version.'),
  environment: z
    .string()
    .regex(ENVIRONMENT_NAME_PATTERN)
    .optional()
    .describe('The version an environment serves (its stable arm).'),
};

const bothGiven = (target: { version?: number; environment?: string }) =>
  target.version === undefined || target.environment === undefined;
const ONE_OF = { message: 'give version or environment, not both', path: ['environment'] };

export const SuiteTarget = z
  .union([
    z.strictObject({ prompt: ArtifactName, ...TargetVersion }).refine(bothGiven, ONE_OF),
    z
      .strictObject({ fragment: ArtifactName.describe('Render-only: no model call.'), ...TargetVersion })
      .refine(bothGiven, ONE_OF),
  ])
  .describe('{ prompt: NAME } or { fragment: NAME }, with optional version or environment.');

const Share = z.number().min(0).max(1);

export const SuiteThresholds = z.strictObject({
  pass_rate: Share.optional().describe('Minimum share of cases that pass; 1 (every case) when absent.'),
  metrics: z
    .strictObject({
      accuracy: Share.optional().describe('Minimum; needs class_path and expected_class.'),
      macro_f1: Share.optional().describe('Minimum; needs class_path and expected_class.'),
      format_compliance: Share.optional().describe('Minimum share of outputs that match the output format.'),
      guard_trigger_rate_max: Share.optional(),
      pii_leak_rate_max: Share.optional(),
      escalation_rate_max: Share.optional(),
    })
    .optional(),
});

/** A JSONPath from the root of the parsed output: `$.intent`, `$.result.label`, `$["label"]`. */
const ClassPath = z.string().superRefine((path, context) => {
  const parsed = parseJsonPath(path);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: `class_path ${parsed.problem}` });
});

/** An eval suite file, `evals/**\/*.yaml` (DESIGN.md sections 3 and 6; README.md in this folder). */
export const SuiteFile = z.strictObject({
  description: z.string().min(1).describe('What the suite checks.'),
  target: SuiteTarget,
  kind: z.enum(SUITE_KINDS),
  tags: z.array(Tag).default([]).describe("The suite's own tags, for choosing suites to run."),
  defaults: z
    .strictObject({
      variables: z.record(z.string(), z.unknown()).default({}),
      assert: AssertionList.default([]).describe('Added to every case, before its own.'),
    })
    .default({ variables: {}, assert: [] }),
  cases: z.array(SuiteCaseSpec).default([]),
  cases_from: z
    .array(
      z
        .string()
        .regex(/\.(csv|jsonl)$/, 'expected a .csv or .jsonl file')
        .refine((file) => !file.startsWith('/') && !file.includes('\\'), {
          message: 'a path relative to the suite file, with /',
        }),
    )
    .default([])
    .describe('CSV or JSONL files of cases, relative to this file (README.md: columns).'),
  class_path: ClassPath.optional().describe('Where the predicted class is in the parsed output: $.intent.'),
  thresholds: SuiteThresholds.default({}),
  repeat: z.number().int().min(1).max(20).default(1).describe('Runs per case.'),
  repeat_pass_rate: Share.default(1).describe('Share of a case’s repeats that must pass.'),
  concurrency: z.number().int().min(1).max(64).optional(),
  timeout_ms: z.number().int().min(1).max(600_000).optional().describe('Per run.'),
  synthetic: z.array(SyntheticSpec).default([]).describe('Generated variants of existing cases.'),
});
export type SuiteFile = z.infer<typeof SuiteFile>;
export type SuiteFileInput = z.input<typeof SuiteFile>;
