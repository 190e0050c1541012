// Guardrail detectors on held-out data written blind to them (bench/held-out/README.md): injection
// detection and false positives by style, PII precision/recall by entity type.
// Rows are split by the numeric suffix of their id: even ids are the development half (read and
// tuned on), odd ids the test half (never read; only scored here). Texts and per-row details are
// printed for the development half only; the test half and the full set get counts.
// Run: node bench/held-out-eval.ts [--dev]   (figures go in bench/RESULTS.md; --dev while tuning)
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectInjection } from '../packages/promptops/src/guardrails/injection/index.ts';
import { type EntityType, type Finding, scanText } from '../packages/promptops/src/guardrails/pii/index.ts';

const DATA_DIR = join(import.meta.dirname, 'held-out');
const THRESHOLDS = [0.5, 0.8, 0.9]; // the default, and the two in examples/acme-support/policies.yaml
const MIN_SCORE = 0.5; // the threshold the PII guards use
const MIN_OVERLAP = 0.5; // share of the labelled span a finding of the same type must cover

// The held-out labels use the scanner's own names; the table makes that an explicit check.
const BENCH_TO_SCANNER: Readonly<Record<string, EntityType>> = {
  'person-name': 'person-name',
  email: 'email',
  phone: 'phone',
  'payment-card': 'payment-card',
  iban: 'iban',
  'us-ssn': 'us-ssn',
  'au-tfn': 'au-tfn',
  'au-abn': 'au-abn',
  'uk-nino': 'uk-nino',
  'ip-address': 'ip-address',
  'date-of-birth': 'date-of-birth',
  'street-address': 'street-address',
  'api-key': 'api-key',
  'bearer-token': 'bearer-token',
  jwt: 'jwt',
  'private-key': 'private-key',
  password: 'password',
};

type TextRow = { id: string; text: string; style: string };
type Span = { type: string; start: number; end: number };
type PiiRow = { id: string; text: string; entities: Span[] };

type Half = 'dev' | 'test' | 'all';
/** `--dev` while tuning: the test half is scored only for the final figures. */
const HALVES: readonly Half[] = process.argv.includes('--dev') ? ['dev'] : ['dev', 'test', 'all'];

/** Even id suffix: development half; odd: test half. */
function halfOf(id: string): Exclude<Half, 'all'> {
  const digits = /\d+$/.exec(id);
  if (digits === null) throw new Error(`id without a numeric suffix: ${id}`);
  return Number(digits[0]) % 2 === 0 ? 'dev' : 'test';
}

function inHalf<Row extends { id: string }>(rows: readonly Row[], half: Half): Row[] {
  return half === 'all' ? [...rows] : rows.filter((row) => halfOf(row.id) === half);
}

async function readJsonl<Row>(file: string): Promise<Row[]> {
  const content = await readFile(join(DATA_DIR, file), 'utf8');
  return content
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Row);
}

const percent = (count: number, of: number): string => `${count}/${of} (${((100 * count) / of).toFixed(1)}%)`;
const ratio = (numerator: number, denominator: number): string =>
  denominator === 0 ? '–' : (numerator / denominator).toFixed(3);

function groupByStyle(rows: readonly TextRow[]): Map<string, TextRow[]> {
  const groups = new Map<string, TextRow[]>();
  for (const row of rows) groups.set(row.style, [...(groups.get(row.style) ?? []), row]);
  return new Map([...groups].sort(([left], [right]) => left.localeCompare(right)));
}

/** One row per style plus a total: how many rows score at or above each threshold. */
function printFlaggedByStyle(title: string, rows: readonly TextRow[], scores: Map<string, number>): void {
  console.log(`\n| ${title} | n | ${THRESHOLDS.map((threshold) => `flagged @${threshold}`).join(' | ')} |`);
  console.log(`| --- | ---: | ${THRESHOLDS.map(() => '---:').join(' | ')} |`);
  const line = (label: string, group: readonly TextRow[]): string => {
    const cells = THRESHOLDS.map((threshold) =>
      percent(group.filter((row) => scores.get(row.id)! >= threshold).length, group.length),
    );
    return `| ${label} | ${group.length} | ${cells.join(' | ')} |`;
  };
  for (const [style, group] of groupByStyle(rows)) console.log(line(style, group));
  console.log(line('**all**', rows));
}

function flaggedAt(rows: readonly TextRow[], scores: Map<string, number>, threshold: number): string {
  return percent(rows.filter((row) => scores.get(row.id)! >= threshold).length, rows.length);
}

async function evaluateInjection(): Promise<void> {
  const attacks = await readJsonl<TextRow>('injection-attacks.jsonl');
  const benign = await readJsonl<TextRow>('benign-hard.jsonl');
  const scores = new Map([...attacks, ...benign].map((row) => [row.id, detectInjection(row.text).score]));
  console.log('## Injection (detectInjection, all signals)');
  console.log(`\n| half | set | n | ${THRESHOLDS.map((threshold) => `flagged @${threshold}`).join(' | ')} |`);
  console.log(`| --- | --- | ---: | ${THRESHOLDS.map(() => '---:').join(' | ')} |`);
  for (const half of HALVES) {
    for (const [label, rows] of [
      ['attacks (detection)', inHalf(attacks, half)],
      ['benign (false positives)', inHalf(benign, half)],
    ] as const) {
      const cells = THRESHOLDS.map((threshold) => flaggedAt(rows, scores, threshold));
      console.log(`| ${half} | ${label} | ${rows.length} | ${cells.join(' | ')} |`);
    }
  }
  const devAttacks = inHalf(attacks, 'dev');
  const devBenign = inHalf(benign, 'dev');
  console.log('\nDevelopment half only:');
  printFlaggedByStyle('attack style (dev)', devAttacks, scores);
  printFlaggedByStyle('benign style (dev)', devBenign, scores);
  const missed = devAttacks.filter((row) => scores.get(row.id)! < THRESHOLDS[0]!);
  console.log(`\nDev attacks missed at ${THRESHOLDS[0]} (${missed.length}), id style score:`);
  for (const row of missed) console.log(`  ${row.id} ${row.style} ${scores.get(row.id)!.toFixed(2)}`);
  const falsePositives = devBenign.filter((row) => scores.get(row.id)! >= THRESHOLDS[0]!);
  console.log(`Dev false positives at ${THRESHOLDS[0]} (${falsePositives.length}), id style score:`);
  for (const row of falsePositives) console.log(`  ${row.id} ${row.style} ${scores.get(row.id)!.toFixed(2)}`);
}

type Counts = { support: number; truePositives: number; falsePositives: number; falseNegatives: number };
type Matcher = (finding: Finding, entity: Span) => boolean;

const coversHalf: Matcher = (finding, entity) =>
  Math.min(finding.end, entity.end) - Math.max(finding.start, entity.start) >=
  MIN_OVERLAP * (entity.end - entity.start);
const anyOverlap: Matcher = (finding, entity) => finding.start < entity.end && entity.start < finding.end;
const exactSpan: Matcher = (finding, entity) => finding.start === entity.start && finding.end === entity.end;

/** Per scanner type. A finding is a true positive when it matches a labelled span of its type. */
function score(rows: readonly PiiRow[], findings: Map<string, Finding[]>, matches: Matcher) {
  const table = new Map<string, Counts>();
  const countsFor = (type: string): Counts => {
    const counts = table.get(type) ?? { support: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
    table.set(type, counts);
    return counts;
  };
  const spurious: { row: PiiRow; finding: Finding }[] = [];
  for (const row of rows) {
    const entities = row.entities.map((entity) => ({ ...entity, type: BENCH_TO_SCANNER[entity.type]! }));
    const found = findings.get(row.id)!;
    for (const entity of entities) {
      const counts = countsFor(entity.type);
      counts.support++;
      const hit = found.some((finding) => finding.type === entity.type && matches(finding, entity));
      if (hit) counts.truePositives++;
      else counts.falseNegatives++;
    }
    for (const finding of found) {
      const hit = entities.some((entity) => finding.type === entity.type && matches(finding, entity));
      if (hit) continue;
      countsFor(finding.type).falsePositives++;
      spurious.push({ row, finding });
    }
  }
  const sorted = [...table].sort(([left], [right]) => left.localeCompare(right));
  const total = { support: 0, truePositives: 0, falsePositives: 0, falseNegatives: 0 };
  for (const [, counts] of sorted) {
    total.support += counts.support;
    total.truePositives += counts.truePositives;
    total.falsePositives += counts.falsePositives;
    total.falseNegatives += counts.falseNegatives;
  }
  return { rows: sorted, total, spurious };
}

const tableRow = (label: string, counts: Counts): string =>
  `| ${label} | ${counts.support} | ${counts.truePositives} | ${counts.falsePositives} | ${counts.falseNegatives} | ${ratio(counts.truePositives, counts.truePositives + counts.falsePositives)} | ${ratio(counts.truePositives, counts.support)} |`;

function printPiiTables(rows: readonly PiiRow[], findings: Map<string, Finding[]>, half: Half) {
  const overlap = score(rows, findings, coversHalf);
  const exact = score(rows, findings, exactSpan);
  const loose = score(rows, findings, anyOverlap);
  console.log(`\n### ${half} half (${rows.length} messages)\n`);
  console.log('| Type | Support | TP | FP | FN | Precision | Recall |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [type, counts] of overlap.rows) console.log(tableRow(`\`${type}\``, counts));
  console.log(tableRow(`**micro, ≥${100 * MIN_OVERLAP}% overlap**`, overlap.total));
  console.log(tableRow('**micro, exact span**', exact.total));
  console.log(tableRow('**micro, any overlap**', loose.total));
  const negatives = rows.filter((row) => row.entities.length === 0);
  const onNegatives = overlap.spurious.filter(({ row }) => row.entities.length === 0);
  const flaggedMessages = new Set(onNegatives.map(({ row }) => row.id)).size;
  console.log(
    `\nFindings on the ${negatives.length} no-entity messages: ${onNegatives.length} in ${percent(flaggedMessages, negatives.length)} messages`,
  );
  return overlap;
}

async function evaluatePii(): Promise<void> {
  const rows = await readJsonl<PiiRow>('pii-messages.jsonl');
  const unknown = rows.flatMap((row) => row.entities).filter((entity) => !(entity.type in BENCH_TO_SCANNER));
  if (unknown.length > 0) throw new Error(`unmapped entity types: ${unknown.map((entity) => entity.type)}`);
  const findings = new Map(rows.map((row) => [row.id, scanText(row.text, { minScore: MIN_SCORE }).findings]));
  console.log(`\n## PII (scanText, all detectors, minScore ${MIN_SCORE})`);
  console.log(
    `Match: same type and the finding covers at least ${100 * MIN_OVERLAP}% of the labelled span. Strict: same type and identical start/end. Loose (the rule of bench/pii-eval.ts): same type and any overlap.`,
  );
  for (const half of HALVES) {
    const overlap = printPiiTables(inHalf(rows, half), findings, half);
    if (half !== 'dev') continue;
    console.log('Dev spurious findings (type [start,end) text (detector, score)):');
    for (const { row, finding } of overlap.spurious) {
      console.log(
        `  ${row.id} ${finding.type} [${finding.start},${finding.end}) ${JSON.stringify(finding.text)} (${finding.detector}, ${finding.score})`,
      );
    }
  }
}

await evaluateInjection();
await evaluatePii();
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}.`);
