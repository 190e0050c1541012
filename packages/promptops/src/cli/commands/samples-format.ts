import type { JudgeVerdict, SampleSummary, VersionSampleScores } from '../../evaluation/continuous/index.ts';
import { table } from '../format.ts';

/** The review queue as a table: one line per sample, the output cut to fit. */
export function sampleRows(samples: readonly SampleSummary[]): string {
  if (samples.length === 0) return 'no sampled runs';
  return table(
    ['ID', 'PROMPT', 'RUN', 'ONLINE', 'JUDGE', 'RATING', 'OUTPUT'],
    samples.map((sample) => [
      String(sample.id),
      `${sample.prompt} v${sample.version}`,
      sample.runStatus,
      online(sample),
      judge(sample.judge),
      sample.rating ? `${sample.rating.rating} (${sample.rating.by})` : '-',
      cut(sample.output ?? '', 60),
    ]),
  );
}

/** One sample in full, for a person about to rate it. */
export function formatSample(sample: SampleSummary): string {
  const lines = [
    `sample ${sample.id}: ${sample.prompt} v${sample.version}${sample.environment ? ` in ${sample.environment}` : ''}, run ${sample.runId} (${sample.runStatus}) at ${sample.startedAt}`,
    `input (redacted):  ${sample.input ?? '(not kept)'}`,
    `output (redacted): ${sample.output ?? '(not kept)'}`,
    `online: ${online(sample)}${sample.score !== null ? ` (score ${sample.score.toFixed(2)})` : ''}`,
    ...sample.assertions.map(
      (result) =>
        `  ${result.pass === null ? 'unmeasured' : result.pass ? 'pass' : 'FAIL'}  ${result.type}${result.reason ? `: ${result.reason}` : ''}`,
    ),
    `judge: ${judge(sample.judge)}${sample.judge && 'reason' in sample.judge && sample.judge.reason ? ` (${sample.judge.reason})` : ''}`,
    sample.rating
      ? `rating: ${sample.rating.rating} by ${sample.rating.by} at ${sample.rating.at}${sample.rating.comment ? `: ${sample.rating.comment}` : ''}`
      : `rating: none yet — promptops samples rate ${sample.id} good|bad --comment "…"`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Scores per version of one prompt. */
export function formatScores(name: string, scores: readonly VersionSampleScores[]): string {
  if (scores.length === 0) return `no sampled runs of ${name} yet`;
  return table(
    ['VERSION', 'SAMPLES', 'SCORED', 'ONLINE PASS', 'JUDGE MEAN', 'GOOD', 'BAD', 'GOOD RATE'],
    scores.map((row) => [
      `v${row.version}`,
      String(row.samples),
      `${row.scored}${row.pending > 0 ? ` (+${row.pending} pending)` : ''}${row.failed > 0 ? ` (${row.failed} failed)` : ''}`,
      row.onlinePassRate === null ? '-' : `${percent(row.onlinePassRate)} of ${row.onlineMeasured}`,
      row.judgeMean === null ? '-' : `${row.judgeMean.toFixed(2)} of ${row.judged}`,
      String(row.good),
      String(row.bad),
      row.goodRate === null ? '-' : percent(row.goodRate),
    ]),
  );
}

function online(sample: SampleSummary): string {
  if (sample.scoring.status !== 'scored') return sample.scoring.status;
  return sample.pass === null ? 'unmeasured' : sample.pass ? 'pass' : 'fail';
}

function judge(verdict: JudgeVerdict | null): string {
  if (verdict === null) return '-';
  if ('unmeasured' in verdict) return 'unmeasured';
  return `${verdict.pass ? 'pass' : 'fail'} ${verdict.score.toFixed(2)}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function cut(text: string, length: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
