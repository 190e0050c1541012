import type { PromptCompression } from '../../catalog/compress/index.ts';
import { lineDiff } from '../../catalog/diff/diff-fields.ts';
import type { RunComparison } from '../../evaluation/metrics/index.ts';
import { type MigrationVerdict, migrationVerdict, worstVerdict } from '../../evaluation/migration/index.ts';
import { formatComparison, type SuiteReport } from '../../evaluation/reports/index.ts';
import { table } from '../format.ts';

export interface CompressOutcome {
  prompt: string;
  version: number;
  model?: string;
  compression: PromptCompression;
  /** Tokens of one request, rendered with placeholder values and fragments inlined (renderedTokens). */
  rendered?: { before: number; after: number };
  /** Suites that target the prompt (and were asked for). */
  suites: string[];
  saveAsked: boolean;
  evaluation?: {
    candidateVersion: number;
    /** False when the candidate's content was already stored (same hash): no version was added. */
    created: boolean;
    runs: { suite: string; reports: [SuiteReport, SuiteReport]; comparison: RunComparison }[];
  };
}

export interface CompressVerdict {
  /**
   * accept: tokens saved, every suite ran, no significant regression and no case that regressed;
   * review: cases regressed without significance (too few cases to tell);
   * reject: a significant regression; unproven: suites not run; nothing: no shorter wording found.
   */
  decision: 'accept' | 'review' | 'reject' | 'unproven' | 'nothing';
  reason: string;
}

/** Reads the suite comparisons with migrate-check's rule (migrationVerdict) so both mean the same. */
export function compressVerdict(outcome: CompressOutcome): CompressVerdict {
  const { compression } = outcome;
  const saved = compression.tokensBefore - compression.tokensAfter;
  if (saved <= 0) return { decision: 'nothing', reason: 'no shorter wording found' };
  const percent = ((100 * saved) / compression.tokensBefore).toFixed(1);
  const tokens = `${saved} template tokens saved (${percent}%)`;
  if (outcome.suites.length === 0) {
    return { decision: 'unproven', reason: `${tokens}; no suite targets ${outcome.prompt}: write one first` };
  }
  if (!outcome.evaluation) {
    return {
      decision: 'unproven',
      reason: `${tokens}; suites not run: the runtime runs stored versions only, pass --save to store the candidate as the next version and run ${outcome.suites.join(', ')} on both`,
    };
  }
  const verdicts = outcome.evaluation.runs.map((run) => migrationVerdict(run.comparison));
  const worst: MigrationVerdict = worstVerdict(verdicts);
  const regressed = outcome.evaluation.runs.flatMap((run) =>
    run.comparison.regressions.map((change) => `${run.suite}:${change.caseId}`),
  );
  if (worst === 'regressions') {
    return { decision: 'reject', reason: `${tokens}, but a suite got significantly worse` };
  }
  if (worst === 'inconclusive') {
    return {
      decision: 'review',
      reason: `${tokens}; ${regressed.length} case(s) regressed without significance (${regressed.join(', ')}): read them before proposing`,
    };
  }
  return {
    decision: 'accept',
    reason: `${tokens} with no regression on ${outcome.evaluation.runs.length} suite(s)`,
  };
}

export function formatCompression(outcome: CompressOutcome, verdict: CompressVerdict): string {
  const { compression } = outcome;
  const lines = [
    `${outcome.prompt} v${outcome.version}: ${compression.tokensBefore} → ${compression.tokensAfter} template tokens` +
      ' (o200k_base, variables unfilled, fragments unchanged)',
    '',
  ];
  const changed = compression.fields.filter((field) => field.before !== field.after);
  if (changed.length > 0) {
    lines.push('wording');
    for (const field of changed) {
      lines.push(
        `  ${field.field}  [${field.rules.join(', ')}]${field.after === '' ? ' (item removed)' : ''}`,
      );
      for (const line of lineDiff(field.before, field.after, 1)) lines.push(`    ${line}`);
    }
    lines.push('', 'tokens');
    const rows = changed.map((field) => [
      field.field,
      String(field.tokensBefore),
      String(field.tokensAfter),
      String(field.tokensBefore - field.tokensAfter),
    ]);
    rows.push([
      'total (all fields)',
      String(compression.tokensBefore),
      String(compression.tokensAfter),
      String(compression.tokensBefore - compression.tokensAfter),
    ]);
    if (outcome.rendered) {
      const { before, after } = outcome.rendered;
      rows.push(['one request, rendered*', String(before), String(after), String(before - after)]);
    }
    lines.push(
      ...table(['FIELD', 'BEFORE', 'AFTER', 'SAVED'], rows)
        .split('\n')
        .map((line) => `  ${line}`),
    );
  }
  if (changed.length > 0 && outcome.rendered) {
    lines.push(
      '  * placeholder values for variables without defaults, fragments inlined, chat framing counted',
    );
  }
  if (compression.rejected.length > 0) {
    lines.push('', 'rewrites left out');
    for (const entry of compression.rejected)
      lines.push(`  ${entry.field} (${entry.source}): ${entry.reason}`);
  }
  if (outcome.evaluation) {
    lines.push(
      '',
      `evaluation: v${outcome.version} (A) against the candidate, v${outcome.evaluation.candidateVersion} (B)` +
        (outcome.evaluation.created ? ', stored by --save' : ', already stored'),
    );
    for (const run of outcome.evaluation.runs) {
      lines.push(
        '',
        formatComparison({
          comparison: run.comparison,
          labelA: `${run.suite} v${outcome.version}`,
          labelB: `${run.suite} v${outcome.evaluation.candidateVersion}`,
        }).trimEnd(),
      );
    }
  }
  lines.push('', `verdict: ${verdict.decision}: ${verdict.reason}`);
  return `${lines.join('\n')}\n`;
}
