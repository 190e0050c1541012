import { z } from 'zod';
import type { CaseResult } from '../eval-types.ts';

/** Longest output text kept per repeat in a recorded result: enough to read, bounded in size. */
export const RECORDED_OUTPUT_CHARS = 2000;
/** Most cases kept per recorded result; a larger suite keeps its aggregates only. */
export const RECORDED_CASES_LIMIT = 2000;

const RecordedAssertion = z.object({
  type: z.string(),
  pass: z.boolean().nullable(),
  score: z.number(),
  weight: z.number(),
  reason: z.string().optional(),
});

const RecordedRepeat = z.object({
  score: z.number(),
  pass: z.boolean(),
  assertions: z.array(RecordedAssertion),
  output: z.object({
    output: z.string(),
    status: z.enum(['ok', 'uncertain', 'escalated', 'blocked', 'failed']),
    latencyMs: z.number(),
    costUsd: z.number().nullable(),
    verdicts: z.array(
      z.object({
        guard: z.string(),
        stage: z.enum(['input', 'output']),
        action: z.string(),
        reason: z.string().optional(),
      }),
    ),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
  }),
});

const RecordedCase = z.object({
  caseId: z.string(),
  description: z.string().optional(),
  pass: z.boolean(),
  passRate: z.number(),
  expectedClass: z.string().optional(),
  predictedClass: z.string().optional(),
  tags: z.array(z.string()),
  repeats: z.array(RecordedRepeat),
});

/** One case of a recorded eval result: a `CaseResult` with its outputs cut to size. */
export type RecordedCase = z.infer<typeof RecordedCase>;

/**
 * The per-case results `promptops test` keeps in a recorded eval result's `details.cases`, so the web
 * UI can show outputs and assertion reasons per case and compare two recorded versions without
 * running the suite again. Outputs are cut to RECORDED_OUTPUT_CHARS; parsed JSON and rendered
 * prompts are left out (the output text carries them).
 */
export function recordedCases(
  results: readonly CaseResult[],
  descriptions: ReadonlyMap<string, string> = new Map(),
): RecordedCase[] | undefined {
  if (results.length > RECORDED_CASES_LIMIT) return undefined;
  return results.map((result) => {
    const description = descriptions.get(result.caseId);
    return {
      caseId: result.caseId,
      ...(description !== undefined && { description }),
      pass: result.pass,
      passRate: result.passRate,
      ...(result.expectedClass !== undefined && { expectedClass: result.expectedClass }),
      ...(result.predictedClass !== undefined && { predictedClass: result.predictedClass }),
      tags: [...result.tags],
      repeats: result.repeats.map((repeat) => ({
        score: repeat.score,
        pass: repeat.pass,
        assertions: repeat.assertions.map((assertion) => ({
          type: assertion.type,
          pass: assertion.pass,
          score: assertion.score,
          weight: assertion.weight,
          ...(assertion.reason !== undefined && { reason: assertion.reason }),
        })),
        output: {
          output: repeat.output.output.slice(0, RECORDED_OUTPUT_CHARS),
          status: repeat.output.status,
          latencyMs: repeat.output.latencyMs,
          costUsd: repeat.output.costUsd,
          verdicts: repeat.output.verdicts.map((verdict) => ({
            guard: verdict.guard,
            stage: verdict.stage,
            action: verdict.action,
            ...(verdict.reason !== undefined && { reason: verdict.reason }),
          })),
          ...(repeat.output.error && { error: repeat.output.error }),
        },
      })),
    };
  });
}

/**
 * The per-case results in a recorded result's free-form `details`, or undefined when it has none
 * (recorded by hand, by an older CLI, or not in this shape): such a result shows its totals only.
 * The cases read back as `CaseResult`s, so the comparison and classification metrics take them as is.
 */
export function casesOfDetails(details: unknown): (RecordedCase & CaseResult)[] | undefined {
  if (typeof details !== 'object' || details === null || !('cases' in details)) return undefined;
  const parsed = z.array(RecordedCase).safeParse((details as { cases: unknown }).cases);
  return parsed.success ? (parsed.data as (RecordedCase & CaseResult)[]) : undefined;
}
