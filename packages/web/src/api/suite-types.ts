// What GET /api/suites, POST /api/eval-runs and GET /api/rendered-tokens answer (issue 10): the
// suites the server runs on a draft or a version, with the cases proposed from production.
import type { RecordedCase } from './insight-types.ts';

export interface ProposedCaseRef {
  candidate: number;
  id: string;
  description?: string;
  proposedBy: string;
}

export interface PromptSuite {
  name: string;
  file: string;
  kind: string;
  cases: number;
  repeat: number;
  thresholds: Record<string, number>;
  proposed: ProposedCaseRef[];
}

export type ProposedCaseResult = RecordedCase & { candidate: number; proposedBy: string };

export interface SuiteRunResult {
  suite: string;
  file: string;
  kind: string;
  passed: number;
  total: number;
  passRate: number;
  thresholdFailures: string[];
  cases: RecordedCase[];
  proposed: ProposedCaseResult[];
  recorded: boolean;
  durationMs: number;
}

export interface SuiteRunReport {
  prompt: string;
  version: number | null;
  environment: string;
  tokens: number | null;
  suites: SuiteRunResult[];
}

/** Why a case failed, in a line: its failed assertions' reasons, or its error. */
export function failureReason(result: RecordedCase): string {
  for (const repeat of result.repeats) {
    if (repeat.pass) continue;
    if (repeat.output.error) return `${repeat.output.error.code}: ${repeat.output.error.message}`;
    const failed = repeat.assertions.filter((assertion) => assertion.pass === false);
    if (failed.length > 0) return failed.map((assertion) => assertion.reason ?? assertion.type).join('; ');
  }
  return result.pass ? '' : 'did not pass enough repeats';
}
