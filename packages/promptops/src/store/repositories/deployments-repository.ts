import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import {
  type DeploymentEventRow,
  type DeploymentRow,
  deploymentEvents,
  deployments,
  environments,
} from '../schema/index.ts';

export async function listEnvironments(executor: Executor): Promise<string[]> {
  const rows = await executor.select().from(environments).orderBy(asc(environments.position));
  return rows.map((row) => row.name);
}

/**
 * Adds environments that do not exist yet, each right after the environment configured before it,
 * and renumbers positions so the stored order follows the configuration; never removes one.
 */
export async function ensureEnvironments(executor: Executor, names: string[], at: Date): Promise<string[]> {
  const order = await listEnvironments(executor);
  const added: string[] = [];
  for (const [index, name] of names.entries()) {
    if (order.includes(name)) continue;
    const previous = names.slice(0, index).findLast((candidate) => order.includes(candidate));
    order.splice(previous === undefined ? 0 : order.indexOf(previous) + 1, 0, name);
    added.push(name);
  }
  if (added.length > 0) {
    await executor
      .insert(environments)
      .values(order.map((name, position) => ({ name, position, createdAt: at })))
      .onConflictDoUpdate({ target: environments.name, set: { position: sql`excluded.position` } });
  }
  return added;
}

export async function findDeployment(
  executor: Executor,
  artifactId: number,
  environment: string,
): Promise<DeploymentRow | undefined> {
  const rows = await executor
    .select()
    .from(deployments)
    .where(and(eq(deployments.artifactId, artifactId), eq(deployments.environment, environment)));
  return rows[0];
}

export async function listDeployments(executor: Executor, artifactId: number): Promise<DeploymentRow[]> {
  return executor.select().from(deployments).where(eq(deployments.artifactId, artifactId));
}

/**
 * Writes a deployment if its revision is still `expectedRevision` (0 = not deployed yet). Returns
 * false when someone else moved the environment first: the caller reports a conflict.
 */
export async function saveDeployment(
  executor: Executor,
  row: DeploymentRow,
  expectedRevision: number,
): Promise<boolean> {
  if (expectedRevision === 0) {
    const inserted = await executor.insert(deployments).values(row).onConflictDoNothing().returning();
    return inserted.length === 1;
  }
  const updated = await executor
    .update(deployments)
    .set(row)
    .where(
      and(
        eq(deployments.artifactId, row.artifactId),
        eq(deployments.environment, row.environment),
        eq(deployments.revision, expectedRevision),
      ),
    )
    .returning();
  return updated.length === 1;
}

export async function insertDeploymentEvent(
  executor: Executor,
  row: Omit<DeploymentEventRow, 'id'>,
): Promise<DeploymentEventRow> {
  const rows = await executor.insert(deploymentEvents).values(row).returning();
  return rows[0]!;
}

/** Moves of an artifact's environments, newest first. */
export async function listDeploymentEvents(
  executor: Executor,
  artifactId: number,
  environment?: string,
): Promise<DeploymentEventRow[]> {
  const conditions = [eq(deploymentEvents.artifactId, artifactId)];
  if (environment) conditions.push(eq(deploymentEvents.environment, environment));
  return executor
    .select()
    .from(deploymentEvents)
    .where(and(...conditions))
    .orderBy(desc(deploymentEvents.id));
}
