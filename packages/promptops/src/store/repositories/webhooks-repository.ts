import { and, asc, desc, eq, inArray, isNull, lte, type SQL } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { type WebhookDeliveryRow, type WebhookRow, webhookDeliveries, webhooks } from '../schema/index.ts';

export async function insertWebhook(
  executor: Executor,
  row: Omit<WebhookRow, 'id'>,
): Promise<WebhookRow | undefined> {
  const rows = await executor.insert(webhooks).values(row).onConflictDoNothing().returning();
  return rows[0];
}

export async function listLiveWebhooks(executor: Executor): Promise<WebhookRow[]> {
  return executor.select().from(webhooks).where(isNull(webhooks.removedAt)).orderBy(asc(webhooks.name));
}

export async function findWebhook(executor: Executor, id: number): Promise<WebhookRow | undefined> {
  const rows = await executor.select().from(webhooks).where(eq(webhooks.id, id));
  return rows[0];
}

export async function removeWebhook(
  executor: Executor,
  name: string,
  at: Date,
): Promise<WebhookRow | undefined> {
  const rows = await executor
    .update(webhooks)
    .set({ removedAt: at })
    .where(and(eq(webhooks.name, name), isNull(webhooks.removedAt)))
    .returning();
  return rows[0];
}

export async function insertDelivery(
  executor: Executor,
  row: Omit<WebhookDeliveryRow, 'id' | 'attempts' | 'lastStatusCode' | 'lastError' | 'deliveredAt'>,
): Promise<void> {
  await executor.insert(webhookDeliveries).values(row);
}

/**
 * Claims due deliveries by leasing them: their next attempt moves to `leaseUntil`, so no other
 * dispatcher takes them meanwhile (rows another replica is claiming are skipped), and one whose
 * sender died is retried when the lease ends. Run it in a short transaction of its own.
 */
export async function claimDueDeliveries(
  executor: Executor,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  const due = await executor
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
    .orderBy(asc(webhookDeliveries.id))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  return executor
    .update(webhookDeliveries)
    .set({ nextAttemptAt: leaseUntil })
    .where(
      inArray(
        webhookDeliveries.id,
        due.map((row) => row.id),
      ),
    )
    .returning();
}

export async function recordAttempt(
  executor: Executor,
  id: number,
  changes: Pick<
    WebhookDeliveryRow,
    'status' | 'attempts' | 'nextAttemptAt' | 'lastStatusCode' | 'lastError' | 'deliveredAt'
  >,
): Promise<void> {
  await executor.update(webhookDeliveries).set(changes).where(eq(webhookDeliveries.id, id));
}

export async function listDeliveries(
  executor: Executor,
  filter: { webhookId?: number; status?: string; limit?: number } = {},
): Promise<WebhookDeliveryRow[]> {
  const conditions: SQL[] = [];
  if (filter.webhookId !== undefined) conditions.push(eq(webhookDeliveries.webhookId, filter.webhookId));
  if (filter.status !== undefined) conditions.push(eq(webhookDeliveries.status, filter.status));
  return executor
    .select()
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.id))
    .limit(filter.limit ?? 50);
}
