import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../database.ts';
import { changeRequestEvents, changeRequests } from '../schema/index.ts';

/** One change request that reached the environment: when it was proposed and when it was deployed. */
export interface CycleTimeRow {
  changeRequestId: number;
  version: number;
  proposedAt: Date;
  deployedAt: Date;
}

/**
 * The newest `limit` change requests of an artifact deployed to `environment`, newest deploy first:
 * proposal time (the request's creation, its `propose` event) and the time of its `deploy` event.
 */
export async function listCycleTimes(
  executor: Executor,
  artifactId: number,
  environment: string,
  limit: number,
): Promise<CycleTimeRow[]> {
  const deployedAt = sql`max(${changeRequestEvents.at})`;
  return executor
    .select({
      changeRequestId: changeRequests.id,
      version: changeRequests.version,
      proposedAt: changeRequests.createdAt,
      deployedAt: deployedAt.mapWith(changeRequestEvents.at),
    })
    .from(changeRequests)
    .innerJoin(
      changeRequestEvents,
      and(eq(changeRequestEvents.changeRequestId, changeRequests.id), eq(changeRequestEvents.kind, 'deploy')),
    )
    .where(
      and(
        eq(changeRequests.artifactId, artifactId),
        eq(changeRequests.environment, environment),
        eq(changeRequests.state, 'deployed'),
      ),
    )
    .groupBy(changeRequests.id)
    .orderBy(desc(deployedAt), desc(changeRequests.id))
    .limit(limit);
}
