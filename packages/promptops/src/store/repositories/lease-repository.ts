import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { meta } from '../schema/index.ts';

/**
 * A lease on a background job shared by every replica, kept as one `meta` row
 * (`lease:<job>` → `{"holder","until","lastRunAt"}`): whoever holds an unexpired lease runs the
 * job, everyone else skips it. One conditional upsert takes it, so two replicas racing for it
 * cannot both win; a replica that dies mid-run loses it when `until` passes.
 */
export interface LeaseState {
  holder: string;
  /** ISO time the lease ends unless renewed. */
  until: string;
  /** ISO time the last completed run started; absent before the first. */
  lastRunAt?: string;
}

const keyOf = (job: string) => `lease:${job}`;
const fieldTime = (field: 'until' | 'lastRunAt') => sql`((${meta.value})::jsonb ->> ${field})::timestamptz`;

/**
 * Takes the lease for `holder` until `until` when it is free (expired or never taken) and, with
 * `dueBefore`, only when the last run started at or before then (the job is due). Returns the
 * lease now held, or undefined when someone else holds it or the job is not due.
 */
export async function takeLease(
  executor: Executor,
  input: { job: string; holder: string; now: Date; until: Date; dueBefore?: Date },
): Promise<LeaseState | undefined> {
  const claim = { holder: input.holder, until: input.until.toISOString() };
  const due =
    input.dueBefore === undefined
      ? sql`true`
      : sql`(${fieldTime('lastRunAt')} is null or ${fieldTime('lastRunAt')} <= ${input.dueBefore.toISOString()}::timestamptz)`;
  const rows = await executor
    .insert(meta)
    .values({ key: keyOf(input.job), value: JSON.stringify(claim) })
    .onConflictDoUpdate({
      target: meta.key,
      set: { value: sql`((${meta.value})::jsonb || ${JSON.stringify(claim)}::jsonb)::text` },
      setWhere: sql`${fieldTime('until')} <= ${input.now.toISOString()}::timestamptz and ${due}`,
    })
    .returning({ value: meta.value });
  return rows[0] ? (JSON.parse(rows[0].value) as LeaseState) : undefined;
}

/** Extends a lease its holder still has; false when it was lost (expired and taken by another). */
export async function renewLease(
  executor: Executor,
  input: { job: string; holder: string; until: Date },
): Promise<boolean> {
  const rows = await executor
    .update(meta)
    .set({
      value: sql`((${meta.value})::jsonb || ${JSON.stringify({ until: input.until.toISOString() })}::jsonb)::text`,
    })
    .where(and(eq(meta.key, keyOf(input.job)), sql`(${meta.value})::jsonb ->> 'holder' = ${input.holder}`))
    .returning({ key: meta.key });
  return rows.length > 0;
}

/** Ends the holder's lease at once; with `lastRunAt`, records that a run completed (it started then). */
export async function releaseLease(
  executor: Executor,
  input: { job: string; holder: string; now: Date; lastRunAt?: Date },
): Promise<void> {
  const patch = {
    until: input.now.toISOString(),
    ...(input.lastRunAt !== undefined && { lastRunAt: input.lastRunAt.toISOString() }),
  };
  await executor
    .update(meta)
    .set({ value: sql`((${meta.value})::jsonb || ${JSON.stringify(patch)}::jsonb)::text` })
    .where(and(eq(meta.key, keyOf(input.job)), sql`(${meta.value})::jsonb ->> 'holder' = ${input.holder}`));
}

/** The lease as stored, for status displays. */
export async function readLease(executor: Executor, job: string): Promise<LeaseState | undefined> {
  const rows = await executor
    .select()
    .from(meta)
    .where(eq(meta.key, keyOf(job)));
  return rows[0] ? (JSON.parse(rows[0].value) as LeaseState) : undefined;
}
