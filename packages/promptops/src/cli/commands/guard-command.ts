import { access, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readTextFile } from '../../catalog/files/read-text-file.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { RecognizerRule } from '../../governance/policies/guard-policy.ts';
import { POLICIES_FILE, parsePolicies } from '../../governance/policies/load-policies.ts';
import { compileRecognizers } from '../../guardrails/default-detectors.ts';
import { detectInjection } from '../../guardrails/injection/index.ts';
import { redact, scanText } from '../../guardrails/pii/index.ts';
import { piiTypesFor } from '../../guardrails/pii-entity-names.ts';
import type { Command } from '../command.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';

interface ScanRecord {
  id: string;
  text: string;
}

export const guardCommand: Command = {
  name: 'guard',
  summary: 'Scan text or JSONL ({"id","text"} per line) for personal data, secrets and injection; JSONL out',
  usage:
    'guard scan FILE|- [--jsonl] [--detectors email,payment_card,...] [--redact] [--min-score 0.5] [--policies policies.yaml]',
  options: {
    jsonl: { type: 'boolean' },
    detectors: { type: 'string' },
    redact: { type: 'boolean' },
    'min-score': { type: 'string' },
    policies: { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'scan', this.usage);
    if (subcommand !== 'scan') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown guard subcommand "${subcommand}"; usage: promptops ${this.usage}`,
        {},
      );
    }
    const source = requirePositional(parsed, 1, 'FILE', this.usage);
    rejectExtraPositionals(parsed, 2, this.usage);
    const text =
      source === '-'
        ? ((await context.stdin?.()) ?? '')
        : await readFile(resolve(context.cwd, source), 'utf8');
    const records =
      flag(parsed, 'jsonl') || source.endsWith('.jsonl') ? parseJsonl(text, source) : [{ id: '1', text }];
    const recognizers = await loadRecognizers(context.cwd, stringOption(parsed, 'policies'));
    const { types, custom, unknown } = piiTypesFor(
      stringOption(parsed, 'detectors')
        ?.split(',')
        .map((name) => name.trim()),
      recognizers.map((recognizer) => recognizer.name),
    );
    const extraDetectors = compileRecognizers(recognizers)
      .filter((recognizer) => custom?.includes(recognizer.type) ?? true)
      .map((recognizer) => recognizer.detector);
    if (unknown.length > 0) {
      throw new PromptopsError('invalid_argument', `--detectors: unknown ${unknown.join(', ')}`, {
        parameter: 'detectors',
      });
    }
    const minScore = Number(stringOption(parsed, 'min-score') ?? '0.5');
    if (!(minScore >= 0 && minScore <= 1)) {
      throw new PromptopsError('invalid_argument', '--min-score must be a number from 0 to 1', {
        parameter: 'min-score',
      });
    }
    let flagged = 0;
    for (const record of records) {
      const scan = scanText(record.text, { types, extraDetectors, minScore });
      const injection = detectInjection(record.text);
      if (scan.findings.length > 0 || injection.flagged) flagged += 1;
      // Positions and types only: the values found may be personal data and never go to the output.
      const line: Record<string, unknown> = {
        id: record.id,
        findings: scan.findings.map((finding) => ({
          type: finding.type,
          start: finding.start,
          end: finding.end,
          score: Number(finding.score.toFixed(3)),
        })),
        injection_score: Number(injection.score.toFixed(3)),
        injection_signals: injection.signals.map((signal) => signal.signal),
      };
      if (scan.truncated) line.truncated = true;
      if (flag(parsed, 'redact')) line.redacted = redact(record.text, scan.findings).text;
      context.stdout(`${JSON.stringify(line)}\n`);
    }
    context.stderr(
      `scanned ${records.length} record(s); ${flagged} with findings or an injection score at or above 0.5\n`,
    );
    return 0;
  },
};

function parseJsonl(text: string, source: string): ScanRecord[] {
  const records: ScanRecord[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new PromptopsError(
        'file_invalid',
        `${source}:${index + 1}: not JSON (${(error as Error).message})`,
        {
          location: { file: source, line: index + 1 },
        },
      );
    }
    const record = value as { id?: unknown; text?: unknown };
    if (typeof record.text !== 'string') {
      throw new PromptopsError('file_invalid', `${source}:${index + 1}: each line needs a "text" string`, {
        location: { file: source, line: index + 1, field: 'text' },
      });
    }
    records.push({ id: record.id === undefined ? String(index + 1) : String(record.id), text: record.text });
  });
  return records;
}

/** Custom recognizers from `--policies FILE`, else from policies.yaml in the current folder if there is one. */
async function loadRecognizers(cwd: string, file: string | undefined): Promise<readonly RecognizerRule[]> {
  const path = resolve(cwd, file ?? POLICIES_FILE);
  if (file === undefined) {
    try {
      await access(path);
    } catch {
      return [];
    }
  }
  const text = await readTextFile(cwd, file ?? POLICIES_FILE, 'config_invalid');
  return parsePolicies(text, file ?? POLICIES_FILE).recognizers;
}
