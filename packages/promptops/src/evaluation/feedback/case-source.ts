import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import {
  type Database,
  findArtifact,
  findRunRecord,
  findRunSample,
  listEvalResults,
  type RunRecordRow,
} from '../../store/index.ts';
import { casesOfDetails } from '../reports/index.ts';
import { runNotFound } from './run-feedback.ts';

/** What a case or example is made from: a run record, a review-queue sample, or a failed eval case. */
export type CaseSourceRef =
  | { run: string }
  | { sample: number }
  | { evalCase: { prompt: string; version: number; suite: string; case: string } };

export interface CaseSource {
  kind: 'run' | 'sample' | 'evalCase';
  /** Provenance kept with what is made from it (ids and versions, no text). */
  reference: Record<string, string | number | null>;
  prompt: string;
  version: number | null;
  /**
   * The variables as the run record kept them: redacted (personal data and secrets replaced by
   * their type, `[EMAIL]`), or null when the input was not retained — only sampled runs keep it
   * (promptops.yaml `retention.redacted_io`), and the server holds no suite files.
   */
  input: Record<string, unknown> | null;
  /** The redacted output, when kept. */
  output: string | null;
  /** In words, for descriptions and messages: `run 0f3c… (support/classify-intent v3, production)`. */
  label: string;
}

/**
 * Reads a source the caller may turn into a case or example: run-read on the run's prompt (the
 * redacted input is shown), and `action` (eval-case-propose or example-propose) there too.
 */
export async function readCaseSource(
  db: Database,
  principal: Principal,
  from: CaseSourceRef,
  action: 'eval-case-propose' | 'example-propose',
): Promise<CaseSource> {
  if ('run' in from) {
    const record = await findRunRecord(db, from.run);
    if (!record) throw runNotFound(from.run);
    allow(principal, record.prompt, action);
    return fromRecord(record, 'run', { run: record.id });
  }
  if ('sample' in from) {
    const found = await findRunSample(db, from.sample);
    if (!found) {
      throw new PromptopsError('sample_not_found', `no sampled run ${from.sample}`, { sample: from.sample });
    }
    allow(principal, found.record.prompt, action);
    return fromRecord(found.record, 'sample', { sample: found.sample.id, run: found.record.id });
  }
  const { prompt, version, suite, case: caseId } = from.evalCase;
  allow(principal, prompt, action);
  const artifact = await findArtifact(db, 'prompt', prompt);
  if (!artifact) {
    throw new PromptopsError('prompt_not_found', `no prompt ${prompt}`, { name: prompt });
  }
  // Newest first per suite: the latest recorded result is the one that says the case fails now.
  const latest = (await listEvalResults(db, artifact.id, version)).find((row) => row.suite === suite);
  if (!latest) {
    throw new PromptopsError(
      'invalid_argument',
      `no result of suite ${suite} is recorded on ${prompt} v${version}; run it with promptops test first`,
      { parameter: 'from.evalCase.suite' },
    );
  }
  // `failedCases` as `promptops test` and the server record it; else the per-case results.
  const details = latest.details as { failedCases?: unknown };
  const failed = Array.isArray(details.failedCases)
    ? details.failedCases.includes(caseId)
    : (casesOfDetails(latest.details) ?? []).some((entry) => entry.caseId === caseId && !entry.pass);
  if (!failed) {
    throw new PromptopsError(
      'invalid_argument',
      `case ${caseId} did not fail in the latest result of ${suite} on ${prompt} v${version} (recorded ${latest.recordedAt.toISOString()})`,
      { parameter: 'from.evalCase.case' },
    );
  }
  return {
    kind: 'evalCase',
    reference: { suite, case: caseId, prompt, version, evalResult: latest.id },
    prompt,
    version,
    input: null,
    output: null,
    label: `failed case ${caseId} of ${suite} (${prompt} v${version})`,
  };
}

function allow(principal: Principal, prompt: string, action: 'eval-case-propose' | 'example-propose') {
  authorize(principal, 'run-read', prompt);
  authorize(principal, action, prompt);
}

function fromRecord(
  record: RunRecordRow,
  kind: 'run' | 'sample',
  reference: Record<string, string | number>,
): CaseSource {
  if (record.kind !== 'prompt') {
    throw new PromptopsError(
      'invalid_argument',
      `run ${record.id} is a ${record.kind} run; turn one of its prompt runs into a case instead`,
      { parameter: 'from' },
    );
  }
  const where = [record.version === null ? null : `v${record.version}`, record.environment]
    .filter(Boolean)
    .join(', ');
  return {
    kind,
    reference: { ...reference, version: record.version },
    prompt: record.prompt,
    version: record.version,
    input: parseInput(record.redactedInput),
    output: record.redactedOutput,
    label: `${kind === 'sample' ? `sample ${reference.sample} (run ${record.id})` : `run ${record.id}`} of ${record.prompt}${where ? ` ${where}` : ''}`,
  };
}

/** The recorded input is the variables as canonical JSON; anything else is treated as not kept. */
function parseInput(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
