import type { CaseOutput } from '../eval-types.ts';

export type ParsedJson = { ok: true; value: unknown } | { ok: false; problem: string };

/**
 * The output as JSON: the runner's `parsed` when the prompt has `output.format: json` (and the text
 * under test is the output, not a rendered fragment), else the text parsed here.
 */
export function parseOutputJson(output: CaseOutput, text: string): ParsedJson {
  if (output.parsed !== undefined && text === output.output) return { ok: true, value: output.parsed };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
