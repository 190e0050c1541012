import type { Catalog } from '../../catalog/service/catalog.ts';
import { normaliseContent } from '../../catalog/service/content-schemas.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import type { Runtime } from '../../runtime/create-runtime.ts';
import type { GuardVerdict, RunResult, RunStatus } from '../../runtime/run-result.ts';
import { countRunRecords, type Database, listRunRecords, type RunRecordRow } from '../../store/index.ts';
import { pairChanged, summariseReplay } from './replay-summary.ts';
import {
  DEFAULT_REPLAY_CONCURRENCY,
  MAX_REPLAY_LIMIT,
  type ReplayInput,
  type ReplayItem,
  type ReplayResult,
  type ReplaySide,
  type ReplaySkip,
} from './replay-types.ts';

export interface ReplayDeps {
  db: Database;
  catalog: Catalog;
  runtime: Runtime;
}

const NOT_RETAINED =
  'input not kept: only sampled runs keep their redacted input (sampling.rate, promptops.yaml retention.redacted_io)';
const NOT_AN_OBJECT = 'kept input is not a JSON object of variables';

/**
 * Replays recent live runs of a prompt through a draft, in the sandbox (issue 10, item 4): the
 * newest runs of the environment that kept their redacted variables run again through the draft
 * (unsaved content, or a saved version's content) with at most `concurrency` in flight. The draft
 * runs are `RunOptions.sandbox` runs: recorded under the `sandbox` environment with the actor in
 * `metadata.sandbox`, arm `draft`, never sampled, left out of alerts and run stats, and no tool
 * handler runs. Budgets count them: they are real model calls on the project's keys.
 *
 * Needs `version-create` (it executes text nobody reviewed, like Try it) and `run-read` (it reads
 * other people's redacted inputs) on the prompt.
 *
 * @example
 * const replay = await replayTraffic(deps, principal, {
 *   prompt: 'support/classify-intent',
 *   draft: { content },
 *   from: { environment: 'production', limit: 50 },
 * });
 * replay.summary.statusChanges; // [{ from: 'ok', to: 'blocked', count: 2 }]
 */
export async function replayTraffic(
  deps: ReplayDeps,
  principal: Principal,
  input: ReplayInput,
): Promise<ReplayResult> {
  authorize(principal, 'version-create', input.prompt);
  authorize(principal, 'run-read', input.prompt);
  checkInput(input);
  // A bad draft is one 400 naming its field, not a failed run per replayed record.
  const content =
    'version' in input.draft
      ? (await deps.catalog.resolve('prompt', input.prompt, { version: input.draft.version })).content
      : normaliseContent('prompt', input.prompt, input.draft.content);
  const version = 'version' in input.draft ? input.draft.version : null;
  const { from } = input;
  const filter = {
    prompt: input.prompt,
    environment: from.environment,
    kind: 'prompt',
    // Try it runs recorded under this environment are drafts too: never traffic to replay.
    notArm: 'draft',
    ...(from.arm !== undefined && { arm: from.arm }),
    ...(from.status !== undefined && { status: from.status }),
    ...(from.since !== undefined && { since: from.since }),
  };
  const records = await listRunRecords(deps.db, { ...filter, inputRetained: true, limit: from.limit });
  // The runs that kept no input over the same span as those replayed (all since `since` when fewer).
  const oldest = records.length === from.limit ? records.at(-1)?.startedAt : undefined;
  const notRetained = await countRunRecords(deps.db, {
    ...filter,
    inputRetained: false,
    ...(oldest !== undefined && { since: oldest }),
  });
  const skipped: ReplaySkip[] = [];
  if (notRetained > 0) skipped.push({ reason: NOT_RETAINED, count: notRetained, runIds: [] });
  const replayable: { record: RunRecordRow; variables: Record<string, unknown> }[] = [];
  const unreadable: string[] = [];
  for (const record of records) {
    const variables = parseVariables(record.redactedInput);
    if (variables) replayable.push({ record, variables });
    else unreadable.push(record.id);
  }
  if (unreadable.length > 0) {
    skipped.push({ reason: NOT_AN_OBJECT, count: unreadable.length, runIds: unreadable.slice(0, 10) });
  }

  const actor = principal.actor;
  const items: ReplayItem[] = [];
  const signal = input.signal;
  let next = 0;
  const worker = async () => {
    while (next < replayable.length && !signal?.aborted) {
      const { record, variables } = replayable[next++]!;
      const result = await deps.runtime.run(input.prompt, variables, {
        draft: { content },
        environment: from.environment,
        sandbox: { actor },
        metadata: {
          sandbox: actor,
          replay_of: record.id,
          ...(version !== null && { replay_version: version }),
        },
        requestId: `replay:${record.id}`,
        ...(signal && { signal }),
      });
      // A run the abort cut short says nothing about the draft: it is left out, not shown as failed.
      if (signal?.aborted && result.status === 'failed') continue;
      const live = liveSide(record);
      const draft = draftSide(result);
      items.push({
        startedAt: record.startedAt.toISOString(),
        live,
        draft,
        changed: pairChanged(live, draft),
      });
    }
  };
  const concurrency = input.concurrency ?? DEFAULT_REPLAY_CONCURRENCY;
  await Promise.all(Array.from({ length: Math.min(concurrency, replayable.length) }, worker));
  items.sort((x, y) => Number(y.changed) - Number(x.changed) || y.startedAt.localeCompare(x.startedAt));
  return {
    prompt: input.prompt,
    environment: from.environment,
    version,
    actor,
    items,
    skipped,
    summary: summariseReplay(items, skipped, signal?.aborted === true),
  };
}

function checkInput(input: ReplayInput): void {
  const { limit } = input.from;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REPLAY_LIMIT) {
    throw new PromptopsError(
      'invalid_argument',
      `from.limit must be a whole number from 1 to ${MAX_REPLAY_LIMIT}`,
      {
        parameter: 'from.limit',
      },
    );
  }
  const concurrency = input.concurrency;
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16)) {
    throw new PromptopsError('invalid_argument', 'concurrency must be a whole number from 1 to 16', {
      parameter: 'concurrency',
    });
  }
  if ('version' in input.draft && (!Number.isInteger(input.draft.version) || input.draft.version < 1)) {
    throw new PromptopsError('invalid_argument', 'version must be a whole number from 1', {
      parameter: 'version',
    });
  }
}

/** The recorded input is the variables as canonical JSON (runtime/sampling); anything else is unreadable. */
function parseVariables(text: string | null): Record<string, unknown> | null {
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

function liveSide(record: RunRecordRow): ReplaySide {
  return {
    runId: record.id,
    status: record.status as RunStatus,
    output: record.redactedOutput,
    reason: record.errorCode
      ? `${record.errorCode}: ${record.errorMessage ?? ''}`
      : verdictReason(record.verdicts),
    version: record.version,
    model: record.model,
    inputTokens: record.inputTokens,
    outputTokens: record.outputTokens,
    cost: record.cost,
    currency: record.currency,
    latencyMs: record.latencyMs,
  };
}

/** A blocked or escalated record's reason is its guard's: the first verdict that did more than allow. */
function verdictReason(verdicts: unknown): string | null {
  if (!Array.isArray(verdicts)) return null;
  const acted = (verdicts as GuardVerdict[]).find((verdict) => verdict.action !== 'allow');
  return acted ? `${acted.guard}: ${acted.reason ?? acted.action}` : null;
}

function draftSide(result: RunResult): ReplaySide {
  return {
    runId: result.runId,
    status: result.status,
    output: result.output,
    reason: result.error ? `${result.error.code}: ${result.error.message}` : (result.reason ?? null),
    version: null,
    model: result.model,
    inputTokens: result.usage?.inputTokens ?? null,
    outputTokens: result.usage?.outputTokens ?? null,
    cost: result.cost?.amount ?? null,
    currency: result.cost?.currency ?? null,
    latencyMs: result.latencyMs,
  };
}
