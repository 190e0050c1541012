import type { SamplingSpec } from '../../catalog/content/prompt-content.ts';
import type { RunRecordRow } from '../../store/index.ts';
import { evaluateAssertion, evaluateAssertions } from '../assertions/index.ts';
import type { AssertionResult, AssertionServices } from '../eval-types.ts';
import { caseOutputOfRecord } from './case-output-of-record.ts';

/** The judge's verdict on a sample's rubric, or why it could not give one. */
export type JudgeVerdict = { pass: boolean; score: number; reason?: string } | { unmeasured: string };

export interface SampleScore {
  /** The online assertions' verdict; null when there are none or none could be measured. */
  pass: boolean | null;
  /** Weighted score 0..1 of the measured assertions; null when nothing was measured. */
  score: number | null;
  assertions: AssertionResult[];
  /** null when the version sets no rubric. */
  judge: JudgeVerdict | null;
  /** What the judge threw (rather than answering), if it did: worth another attempt later. */
  judgeError: string | null;
}

/**
 * Scores one sampled run with its version's `sampling.assert` (graded as an eval case is:
 * evaluateAssertions) and, when `sampling.rubric` is set, the judge through `llm-rubric`. Unlike a
 * suite case, a sample where nothing could be measured is unmeasured (null), not a failure: it
 * says nothing about the output. A missing judge leaves the rubric unmeasured.
 *
 * @example
 * const scored = await scoreSample(record, { rate: 0.01, assert: [{ type: 'max-words', value: 100 }] }, {});
 * scored.pass // true when the redacted output has at most 100 words
 */
export async function scoreSample(
  record: RunRecordRow,
  sampling: Pick<SamplingSpec, 'assert' | 'rubric'>,
  services: AssertionServices,
): Promise<SampleScore> {
  const output = caseOutputOfRecord(record);
  let judgeError: string | null = null;
  const judge = services.judge;
  const watched: AssertionServices = {
    ...services,
    ...(judge && {
      judge: async (prompt: string) => {
        try {
          return await judge(prompt);
        } catch (error) {
          judgeError = error instanceof Error ? error.message : String(error);
          throw error;
        }
      },
    }),
  };
  const specs = sampling.assert ?? [];
  const [grade, rubric] = await Promise.all([
    specs.length > 0 ? evaluateAssertions(specs, output, watched) : undefined,
    sampling.rubric !== undefined
      ? evaluateAssertion({ type: 'llm-rubric', value: sampling.rubric }, output, watched)
      : undefined,
  ]);
  const measured = grade?.results.some((result) => result.pass !== null && result.weight > 0) ?? false;
  return {
    pass: grade && measured ? grade.pass : null,
    score: grade && measured ? grade.score : null,
    assertions: grade?.results ?? [],
    judge: rubric === undefined ? null : judgeVerdict(rubric),
    judgeError,
  };
}

function judgeVerdict(result: AssertionResult): JudgeVerdict {
  if (result.pass === null) return { unmeasured: result.reason ?? 'the judge gave no verdict' };
  return {
    pass: result.pass,
    score: result.score,
    ...(result.reason !== undefined && { reason: result.reason }),
  };
}
