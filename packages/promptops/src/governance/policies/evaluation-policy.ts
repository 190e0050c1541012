import { z } from 'zod';
import { ENVIRONMENT_NAME_PATTERN } from '../../catalog/content/names.ts';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `30m`, `6h`, `1d` in milliseconds; undefined for anything else. */
export function scheduleMs(text: string): number | undefined {
  const match = /^(\d{1,6})(m|h|d)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/**
 * Drift watch (issue 10, item 6; the first seed's "schedule prompt refresh cycles"): deployed
 * versions re-run their suites on a schedule, and a fall in pass rate or a metric raises an alert.
 */
export const DriftPolicy = z.strictObject({
  every: z
    .string()
    .refine(
      (text) => (scheduleMs(text) ?? 0) >= 60_000,
      'expected a period of at least 1m, such as 30m, 6h or 1d',
    )
    .default('24h')
    .describe('How often each deployed version re-runs its suites.'),
  environments: z
    .array(z.string().regex(ENVIRONMENT_NAME_PATTERN))
    .min(1)
    .default(['production'])
    .describe('The environments whose served versions are re-evaluated.'),
  drop: z
    .number()
    .gt(0)
    .max(1)
    .default(0.05)
    .describe(
      'Alert when the pass rate or a metric (accuracy, macro-F1, format compliance) falls by more than this share against the previous result of the same suite and version.',
    ),
});
export type DriftPolicy = z.infer<typeof DriftPolicy>;

export const EvaluationPolicy = z.strictObject({
  drift: DriftPolicy.optional().describe(
    'Scheduled re-evaluation of deployed versions (docs/evaluation.md, Drift watch). Off when absent.',
  ),
});
export type EvaluationPolicy = z.infer<typeof EvaluationPolicy>;
