import { authorize, type Principal } from '../../governance/access/index.ts';
import { SANDBOX_ENVIRONMENT } from '../../runtime/run-options.ts';
import { type Database, listRunRecords, type RunRecordRow } from '../../store/index.ts';

export interface SandboxHistoryQuery {
  prompt: string;
  /** Whose replays: the caller's when absent (`user:alice`). */
  actor?: string;
  /** Only records after this one in newest-first order (the next page). */
  after?: { startedAt: Date; id: string };
  limit: number;
}

/**
 * A person's sandbox runs of a prompt, newest first: the draft runs their replays made (recorded
 * under the `sandbox` environment with `metadata.sandbox` = the actor, `metadata.replay_of` = the
 * live run). Needs `run-read` on the prompt, as any run record listing does.
 */
export async function listSandboxRuns(
  db: Database,
  principal: Principal,
  query: SandboxHistoryQuery,
): Promise<RunRecordRow[]> {
  authorize(principal, 'run-read', query.prompt);
  return listRunRecords(db, {
    prompt: query.prompt,
    environment: SANDBOX_ENVIRONMENT,
    sandboxActor: query.actor ?? principal.actor,
    ...(query.after && { after: query.after }),
    limit: query.limit,
  });
}
