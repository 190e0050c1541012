// PII detection: per-type precision/recall on a synthetic labelled corpus (bench/pii/labelled-corpus.ts,
// generated deterministically, no real personal data) and scan throughput with all detectors on.
// A prediction matches a labelled entity when the type is the same and the spans overlap.
// Run: node bench/pii-eval.ts   (figures go in bench/RESULTS.md)
import type { Finding } from '../packages/promptops/src/guardrails/pii/index.ts';
import { scanText } from '../packages/promptops/src/guardrails/pii/index.ts';
import type { LabelledRecord } from './pii/labelled-corpus.ts';
import { CORPUS_SEED, generateCorpus } from './pii/labelled-corpus.ts';

const MIN_SCORE = 0.5; // the threshold the guards use
const THROUGHPUT_BYTES = 2 * 1024 * 1024;
const LATENCY_MESSAGE_BYTES = 1024;
const LATENCY_SAMPLES = 2000;
const EXAMPLES_SHOWN = 5;

interface TypeStats {
  support: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  missed: string[];
  spurious: string[];
  fpWhere: Map<string, number>;
}

const overlaps = (left: { start: number; end: number }, right: { start: number; end: number }): boolean =>
  left.start < right.end && right.start < left.end;

function statsFor(table: Map<string, TypeStats>, type: string): TypeStats {
  let stats = table.get(type);
  if (stats === undefined) {
    stats = {
      support: 0,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      missed: [],
      spurious: [],
      fpWhere: new Map(),
    };
    table.set(type, stats);
  }
  return stats;
}

const ratio = (numerator: number, denominator: number): string =>
  denominator === 0 ? '–' : (numerator / denominator).toFixed(3);

function evaluate(corpus: readonly LabelledRecord[]): {
  table: Map<string, TypeStats>;
  negativeHits: Map<string, { total: number; flagged: number; examples: string[] }>;
} {
  const table = new Map<string, TypeStats>();
  const negativeHits = new Map<string, { total: number; flagged: number; examples: string[] }>();
  for (const record of corpus) {
    const findings: Finding[] = scanText(record.text, { minScore: MIN_SCORE }).findings;
    for (const entity of record.entities) {
      const stats = statsFor(table, entity.type);
      stats.support++;
      const found = findings.some((finding) => finding.type === entity.type && overlaps(finding, entity));
      if (found) stats.truePositives++;
      else {
        stats.falseNegatives++;
        const other = findings.find((finding) => overlaps(finding, entity));
        const note = other === undefined ? 'nothing' : `${other.type} ${JSON.stringify(other.text)}`;
        if (stats.missed.length < EXAMPLES_SHOWN)
          stats.missed.push(
            `${JSON.stringify(record.text.slice(Math.max(0, entity.start - 30), entity.end))} (found: ${note})`,
          );
      }
    }
    for (const finding of findings) {
      const matched = record.entities.some(
        (entity) => entity.type === finding.type && overlaps(finding, entity),
      );
      if (matched) continue;
      const stats = statsFor(table, finding.type);
      stats.falsePositives++;
      const negative = record.negatives.find((item) => overlaps(item, finding));
      const inside = record.entities.find((entity) => overlaps(entity, finding));
      const where =
        negative !== undefined
          ? `hard negative ${negative.kind}`
          : inside !== undefined
            ? `labelled ${inside.type}`
            : 'plain text';
      stats.fpWhere.set(where.replace(/ .*/, ''), (stats.fpWhere.get(where.replace(/ .*/, '')) ?? 0) + 1);
      if (stats.spurious.length < EXAMPLES_SHOWN)
        stats.spurious.push(
          `${JSON.stringify(finding.text)} [${finding.detector}, ${finding.score}] in ${where}`,
        );
    }
    for (const negative of record.negatives) {
      let entry = negativeHits.get(negative.kind);
      if (entry === undefined) {
        entry = { total: 0, flagged: 0, examples: [] };
        negativeHits.set(negative.kind, entry);
      }
      entry.total++;
      const hit = findings.find((finding) => overlaps(finding, negative));
      if (hit !== undefined) {
        entry.flagged++;
        if (entry.examples.length < 3) entry.examples.push(`${JSON.stringify(hit.text)} as ${hit.type}`);
      }
    }
  }
  return { table, negativeHits };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

function throughput(corpus: readonly LabelledRecord[]): { megabytesPerSecond: number; bytes: number } {
  const messages: string[] = [];
  let bytes = 0;
  while (bytes < THROUGHPUT_BYTES) {
    for (const record of corpus) {
      messages.push(record.text);
      bytes += Buffer.byteLength(record.text);
    }
  }
  for (const message of messages.slice(0, 200)) scanText(message, { minScore: MIN_SCORE }); // warm-up
  const started = performance.now();
  for (const message of messages) scanText(message, { minScore: MIN_SCORE });
  const seconds = (performance.now() - started) / 1000;
  return { megabytesPerSecond: bytes / 1024 / 1024 / seconds, bytes };
}

function latency(corpus: readonly LabelledRecord[]): { p50: number; p99: number } {
  const messages: string[] = [];
  let cursor = 0;
  for (let index = 0; index < LATENCY_SAMPLES; index++) {
    let message = '';
    while (Buffer.byteLength(message) < LATENCY_MESSAGE_BYTES) {
      message += `${corpus[cursor % corpus.length]!.text}\n`;
      cursor++;
    }
    messages.push(message.slice(0, LATENCY_MESSAGE_BYTES));
  }
  for (const message of messages.slice(0, 200)) scanText(message, { minScore: MIN_SCORE }); // warm-up
  const timings: number[] = [];
  for (const message of messages) {
    const started = performance.now();
    scanText(message, { minScore: MIN_SCORE });
    timings.push(performance.now() - started);
  }
  timings.sort((left, right) => left - right);
  return { p50: percentile(timings, 0.5), p99: percentile(timings, 0.99) };
}

const corpus = generateCorpus();
const { table, negativeHits } = evaluate(corpus);
const entityCount = corpus.reduce((total, record) => total + record.entities.length, 0);
const negativeCount = corpus.reduce((total, record) => total + record.negatives.length, 0);

console.log(
  `Corpus: ${corpus.length} synthetic messages (seed 0x${CORPUS_SEED.toString(16)}), ${entityCount} labelled entities, ${negativeCount} hard negatives. minScore ${MIN_SCORE}.\n`,
);
console.log('| Type | Support | TP | FP | FN | Precision | Recall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
let truePositives = 0;
let falsePositives = 0;
let falseNegatives = 0;
const rows = [...table.entries()].sort(([left], [right]) => left.localeCompare(right));
for (const [type, stats] of rows) {
  truePositives += stats.truePositives;
  falsePositives += stats.falsePositives;
  falseNegatives += stats.falseNegatives;
  console.log(
    `| \`${type}\` | ${stats.support} | ${stats.truePositives} | ${stats.falsePositives} | ${stats.falseNegatives} | ${ratio(stats.truePositives, stats.truePositives + stats.falsePositives)} | ${ratio(stats.truePositives, stats.support)} |`,
  );
}
console.log(
  `| **micro** | ${truePositives + falseNegatives} | ${truePositives} | ${falsePositives} | ${falseNegatives} | ${ratio(truePositives, truePositives + falsePositives)} | ${ratio(truePositives, truePositives + falseNegatives)} |`,
);

console.log('\n| Hard negative | Count | Flagged | Examples flagged |');
console.log('| --- | ---: | ---: | --- |');
for (const [kind, entry] of [...negativeHits.entries()].sort(([left], [right]) =>
  left.localeCompare(right),
)) {
  console.log(
    `| ${kind} | ${entry.total} | ${entry.flagged} | ${entry.examples.join('; ').replaceAll('|', '\\|')} |`,
  );
}

const speed = throughput(corpus);
const timing = latency(corpus);
console.log('\n| Throughput (all detectors) | Value |');
console.log('| --- | ---: |');
console.log(
  `| MB/s, corpus messages scanned one by one (${(speed.bytes / 1024 / 1024).toFixed(2)} MB) | ${speed.megabytesPerSecond.toFixed(2)} |`,
);
console.log(`| p50 latency per 1 KB message (${LATENCY_SAMPLES} samples) | ${timing.p50.toFixed(3)} ms |`);
console.log(`| p99 latency per 1 KB message | ${timing.p99.toFixed(3)} ms |`);
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}.`);

console.log('\nMissed and spurious examples (first few per type):');
for (const [type, stats] of rows) {
  if (stats.fpWhere.size > 0)
    console.log(
      `  FP ${type} by location: ${[...stats.fpWhere].map(([where, count]) => `${where} ${count}`).join(', ')}`,
    );
  for (const missed of stats.missed) console.log(`  FN ${type}: ${missed}`);
  for (const spurious of stats.spurious) console.log(`  FP ${type}: ${spurious}`);
}
