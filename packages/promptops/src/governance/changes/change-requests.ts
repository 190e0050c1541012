import type { ArtifactKind } from '../../catalog/content/names.ts';
import { PRODUCTION_ENVIRONMENT } from '../../catalog/content/names.ts';
import { notFound } from '../../catalog/service/move-label.ts';
import { type SaveVersionInput, saveVersionIn } from '../../catalog/service/save-version.ts';
import { PromptopsError } from '../../errors/index.ts';
import {
  type ChangeRequestRow,
  type Executor,
  findArtifact,
  findArtifactById,
  findDeployment,
  findVersion,
  insertChangeRequest,
  insertChangeRequestEvent,
  listChangeRequestEvents,
  listChangeRequests,
  listEnvironments,
  listEvalResults,
  lockChangeRequest,
  updateChangeRequest,
} from '../../store/index.ts';
import { authorize, can, type Principal, rolesOn } from '../access/index.ts';
import { type MutationContext, mutate } from '../audit/index.ts';
import { approvalRefusal, tierOf } from './approval-rules.ts';
import {
  type ChangeRequestEvent,
  type ChangeRequestSummary,
  type ChangeState,
  toChangeEvent,
  toChangeSummary,
} from './change-summary.ts';
import type { GovernanceDeps } from './governance-deps.ts';

export interface ProposeInput {
  kind: ArtifactKind;
  name: string;
  environment: string;
  title: string;
  /** New content: saved as the next version first (with `parentVersion` as its concurrency token). */
  content?: { content: unknown; parentVersion: number | null };
  /** An existing version to propose; the head version when neither this nor content is given. */
  version?: number;
}

/**
 * Proposes a version for an environment. Production changes wait for approvals by the risk tier's
 * rules; a change to any other environment needs none and is approved as it is proposed.
 */
export async function proposeChange(
  deps: GovernanceDeps,
  principal: Principal,
  input: ProposeInput,
): Promise<ChangeRequestSummary> {
  authorize(principal, 'change-propose', input.name);
  if (!input.title.trim()) {
    throw new PromptopsError('invalid_argument', 'a change request needs a title saying why (-m)', {
      parameter: 'title',
    });
  }
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, (context) =>
    proposeChangeIn(deps, context, input),
  );
}

/**
 * `proposeChange` inside a mutation the caller already holds, for changes made with something else
 * in one transaction (an example proposed from a run: evaluation/feedback/example-proposals.ts). The caller
 * has checked change-propose on the name and the title.
 */
export async function proposeChangeIn(
  deps: GovernanceDeps,
  context: MutationContext,
  input: ProposeInput,
): Promise<ChangeRequestSummary> {
  let version = input.version;
  if (input.content) {
    const saved = await saveVersionIn(context, {
      kind: input.kind,
      name: input.name,
      content: input.content.content,
      parentVersion: input.content.parentVersion,
      message: input.title,
    } satisfies SaveVersionInput);
    version = saved.version;
  }
  const artifact = await findArtifact(context.tx, input.kind, input.name);
  if (!artifact) throw notFound(input.kind, input.name);
  if (artifact.status === 'retired') {
    throw new PromptopsError('retired', `${input.kind} ${input.name} is retired`, { name: input.name });
  }
  version ??= artifact.headVersion;
  if (!(await findVersion(context.tx, artifact.id, version))) {
    throw new PromptopsError('version_not_found', `${input.kind} ${input.name} has no version ${version}`, {
      name: input.name,
      version,
    });
  }
  await requireEnvironment(context.tx, input.environment);
  const deployed = await findDeployment(context.tx, artifact.id, input.environment);
  if (deployed?.stableVersion === version && deployed.canaryVersion === null) {
    throw new PromptopsError(
      'conflict',
      `${input.environment} already serves ${input.name} v${version}; nothing to propose`,
      { name: input.name, version },
    );
  }
  const open = await listChangeRequests(context.tx, {
    artifactId: artifact.id,
    states: ['open', 'approved'],
  });
  const duplicate = open.find((row) => row.version === version && row.environment === input.environment);
  if (duplicate) {
    throw new PromptopsError(
      'conflict',
      `change request #${duplicate.id} already proposes ${input.name} v${version} for ${input.environment}`,
      { changeRequest: duplicate.id },
    );
  }
  const now = context.now();
  const needsApproval =
    input.environment === PRODUCTION_ENVIRONMENT && tierOf(deps.policies, artifact.risk).tier.approvals > 0;
  const row = await insertChangeRequest(context.tx, {
    artifactId: artifact.id,
    version,
    environment: input.environment,
    baseVersion: deployed?.stableVersion ?? null,
    title: input.title.trim(),
    author: context.actor,
    state: needsApproval ? 'open' : 'approved',
    revision: 1,
    createdAt: now,
    updatedAt: now,
  });
  await insertChangeRequestEvent(context.tx, {
    changeRequestId: row.id,
    kind: 'propose',
    actor: context.actor,
    role: null,
    body: needsApproval ? input.title : `${input.title} (no approval needed for ${input.environment})`,
    at: now,
  });
  context.audit({
    action: 'change-propose',
    targetKind: 'change-request',
    target: String(row.id),
    reason: input.title,
    details: {
      kind: input.kind,
      name: input.name,
      version,
      environment: input.environment,
      base_version: row.baseVersion,
    },
  });
  return toChangeSummary(row, artifact);
}

async function requireEnvironment(executor: Executor, environment: string): Promise<void> {
  const known = await listEnvironments(executor);
  if (!known.includes(environment)) {
    throw new PromptopsError(
      'environment_not_found',
      `no environment "${environment}"; known: ${known.join(', ')}`,
      {
        environment,
      },
    );
  }
}

/**
 * Loads and locks a change request with its artifact. With `expectedRevision` (the revision the
 * caller last read, HTTP If-Match), a request that changed since is a `conflict`, not acted on blind.
 */
export async function lockChange(context: MutationContext, id: number, expectedRevision?: number) {
  const row = await lockChangeRequest(context.tx, id);
  if (!row)
    throw new PromptopsError('change_request_not_found', `no change request #${id}`, { changeRequest: id });
  if (expectedRevision !== undefined && row.revision !== expectedRevision) {
    throw new PromptopsError(
      'conflict',
      `change request #${id} is at revision ${row.revision}, not ${expectedRevision}: it changed since you read it`,
      { changeRequest: id, revision: row.revision },
    );
  }
  const artifact = await findArtifactById(context.tx, row.artifactId);
  if (!artifact) throw new PromptopsError('internal', `change request #${id} names a missing artifact`, {});
  return { row, artifact };
}

function requireState(row: ChangeRequestRow, allowed: readonly ChangeState[], doing: string): void {
  if (!allowed.includes(row.state as ChangeState)) {
    throw new PromptopsError('conflict', `change request #${row.id} is ${row.state}; it cannot be ${doing}`, {
      changeRequest: row.id,
      state: row.state,
    });
  }
}

export async function moveChange(
  context: MutationContext,
  row: ChangeRequestRow,
  state: ChangeState,
): Promise<ChangeRequestRow> {
  const now = context.now();
  if (!(await updateChangeRequest(context.tx, row.id, row.revision, { state, updatedAt: now }))) {
    throw new PromptopsError('conflict', `change request #${row.id} changed concurrently; try again`, {});
  }
  return { ...row, state, updatedAt: now, revision: row.revision + 1 };
}

export interface ReviewInput {
  id: number;
  reason?: string;
  /** The revision the caller last read; a change in between is a `conflict`. */
  revision?: number;
}

/**
 * Approves a change; once it has the approvals its risk tier needs, it is approved. Refusals by policy
 * (four eyes, approver roles, a missing reason, a failing eval gate) are `policy_refused` and change
 * nothing. Concurrent approvals queue on the row lock, so the count is never lost.
 */
export async function approveChange(
  deps: GovernanceDeps,
  principal: Principal,
  input: ReviewInput,
): Promise<ChangeRequestSummary> {
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { row, artifact } = await lockChange(context, input.id, input.revision);
    authorize(principal, 'change-approve', artifact.name);
    requireState(row, ['open'], 'approved');
    const { risk, tier } = tierOf(deps.policies, artifact.risk);
    const events = await listChangeRequestEvents(context.tx, row.id);
    const approvedBy = events.filter((event) => event.kind === 'approve').map((event) => event.actor);
    const evalPassRates = new Map<string, number>();
    for (const result of await listEvalResults(context.tx, artifact.id, row.version)) {
      if (!evalPassRates.has(result.suite)) evalPassRates.set(result.suite, result.passRate);
    }
    const refusal = approvalRefusal(tier, risk, {
      principal,
      name: artifact.name,
      author: row.author,
      reason: input.reason,
      approvedBy,
      evalPassRates,
    });
    if (refusal) throw new PromptopsError('policy_refused', refusal, { changeRequest: row.id });
    await insertChangeRequestEvent(context.tx, {
      changeRequestId: row.id,
      kind: 'approve',
      actor: principal.actor,
      role: rolesOn(principal, artifact.name).join(',') || null,
      body: input.reason ?? null,
      at: context.now(),
    });
    const count = approvedBy.length + 1;
    const updated =
      count >= tier.approvals
        ? await moveChange(context, row, 'approved')
        : await moveChange(context, row, 'open');
    context.audit({
      action: 'change-approve',
      targetKind: 'change-request',
      target: String(row.id),
      reason: input.reason ?? null,
      details: {
        name: artifact.name,
        version: row.version,
        approvals: count,
        needed: tier.approvals,
        state: updated.state,
      },
    });
    return toChangeSummary(updated, artifact);
  });
}

export async function rejectChange(
  deps: GovernanceDeps,
  principal: Principal,
  input: ReviewInput,
): Promise<ChangeRequestSummary> {
  if (!input.reason?.trim()) {
    throw new PromptopsError('invalid_argument', 'a rejection needs a reason (--reason)', {
      parameter: 'reason',
    });
  }
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { row, artifact } = await lockChange(context, input.id, input.revision);
    authorize(principal, 'change-reject', artifact.name);
    requireState(row, ['open', 'approved'], 'rejected');
    await insertChangeRequestEvent(context.tx, {
      changeRequestId: row.id,
      kind: 'reject',
      actor: principal.actor,
      role: null,
      body: input.reason ?? null,
      at: context.now(),
    });
    const updated = await moveChange(context, row, 'rejected');
    context.audit({
      action: 'change-reject',
      targetKind: 'change-request',
      target: String(row.id),
      reason: input.reason,
    });
    return toChangeSummary(updated, artifact);
  });
}

/** Withdraws an open or approved change: its author may, and an admin. */
export async function withdrawChange(
  deps: GovernanceDeps,
  principal: Principal,
  input: ReviewInput,
): Promise<ChangeRequestSummary> {
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { row, artifact } = await lockChange(context, input.id, input.revision);
    authorize(principal, 'change-withdraw', artifact.name);
    if (row.author !== principal.actor && !can(principal, 'label-force', artifact.name)) {
      throw new PromptopsError(
        'forbidden',
        `only ${row.author} or an admin may withdraw change request #${row.id}`,
        {},
      );
    }
    requireState(row, ['open', 'approved'], 'withdrawn');
    await insertChangeRequestEvent(context.tx, {
      changeRequestId: row.id,
      kind: 'withdraw',
      actor: principal.actor,
      role: null,
      body: input.reason ?? null,
      at: context.now(),
    });
    const updated = await moveChange(context, row, 'withdrawn');
    context.audit({
      action: 'change-withdraw',
      targetKind: 'change-request',
      target: String(row.id),
      reason: input.reason ?? null,
    });
    return toChangeSummary(updated, artifact);
  });
}

export async function commentOnChange(
  deps: GovernanceDeps,
  principal: Principal,
  input: { id: number; body: string },
): Promise<ChangeRequestEvent> {
  if (!input.body.trim())
    throw new PromptopsError('invalid_argument', 'the comment is empty', { parameter: 'body' });
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const { row, artifact } = await lockChange(context, input.id);
    authorize(principal, 'change-comment', artifact.name);
    const event = await insertChangeRequestEvent(context.tx, {
      changeRequestId: row.id,
      kind: 'comment',
      actor: principal.actor,
      role: null,
      body: input.body,
      at: context.now(),
    });
    context.audit({ action: 'change-comment', targetKind: 'change-request', target: String(row.id) });
    return toChangeEvent(event);
  });
}

export interface ChangeRequestDetail extends ChangeRequestSummary {
  events: ChangeRequestEvent[];
  evalResults: {
    suite: string;
    passRate: number;
    passed: number;
    total: number;
    recordedAt: string;
    recordedBy: string;
  }[];
  /** Approvals counted so far and needed, for open production changes. */
  approvals: { count: number; needed: number; approverRoles: string[] };
  risk: string;
  /**
   * What the risk tier (policies.yaml) asks of a change to this environment, for a reviewer to read:
   * reasons, self-approval, eval gates (none outside production) and the canary rule.
   */
  requirements: {
    reasonRequired: boolean;
    allowSelfApproval: boolean;
    requiredSuites: { suite: string; minPassRate: number }[];
    canary: { required: boolean; minPercent: number; minMinutes: number };
  };
}

export async function showChange(
  deps: GovernanceDeps,
  principal: Principal,
  id: number,
): Promise<ChangeRequestDetail> {
  const row = (await listChangeRequests(deps.db, { ids: [id] }))[0];
  if (!row)
    throw new PromptopsError('change_request_not_found', `no change request #${id}`, { changeRequest: id });
  const artifact = await findArtifactById(deps.db, row.artifactId);
  if (!artifact) throw new PromptopsError('internal', `change request #${id} names a missing artifact`, {});
  authorize(principal, 'change-read', artifact.name);
  const events = await listChangeRequestEvents(deps.db, id);
  const { risk, tier } = tierOf(deps.policies, artifact.risk);
  const results = await listEvalResults(deps.db, artifact.id, row.version);
  return {
    ...toChangeSummary(row, artifact),
    risk,
    events: events.map(toChangeEvent),
    evalResults: results.map((result) => ({
      suite: result.suite,
      passRate: result.passRate,
      passed: result.passed,
      total: result.total,
      recordedAt: result.recordedAt.toISOString(),
      recordedBy: result.recordedBy,
    })),
    approvals: {
      count: events.filter((event) => event.kind === 'approve').length,
      needed: row.environment === PRODUCTION_ENVIRONMENT ? tier.approvals : 0,
      approverRoles: [...tier.approver_roles],
    },
    requirements: {
      reasonRequired: tier.reason_required,
      allowSelfApproval: tier.allow_self_approval,
      requiredSuites:
        row.environment === PRODUCTION_ENVIRONMENT
          ? tier.required_suites.map((gate) => ({ suite: gate.suite, minPassRate: gate.min_pass_rate }))
          : [],
      canary: {
        required: row.environment === PRODUCTION_ENVIRONMENT && tier.canary.required,
        minPercent: tier.canary.min_percent,
        minMinutes: tier.canary.min_minutes,
      },
    },
  };
}

/** Change requests the principal may read, newest first. */
export async function listChanges(
  deps: GovernanceDeps,
  principal: Principal,
  filter: {
    states?: ChangeState[];
    name?: string;
    kind?: ArtifactKind;
    limit?: number;
    /** Only requests numbered below this one: the next page. */
    before?: number;
  } = {},
): Promise<ChangeRequestSummary[]> {
  let artifactId: number | undefined;
  if (filter.name !== undefined) {
    const artifact = await findArtifact(deps.db, filter.kind ?? 'prompt', filter.name);
    if (!artifact) throw notFound(filter.kind ?? 'prompt', filter.name);
    artifactId = artifact.id;
  }
  const limit = filter.limit ?? 100;
  const batch = Math.max(limit, 100);
  const summaries: ChangeRequestSummary[] = [];
  const artifacts = new Map<number, { kind: string; name: string }>();
  // Read in batches until the page is full of requests this caller may read, so a page is never
  // short while readable requests remain further back.
  let before = filter.before;
  for (;;) {
    const rows = await listChangeRequests(deps.db, {
      ...(filter.states && { states: filter.states }),
      ...(artifactId !== undefined && { artifactId }),
      ...(before !== undefined && { beforeId: before }),
      limit: batch,
    });
    for (const row of rows) {
      let artifact = artifacts.get(row.artifactId);
      if (!artifact) {
        const found = await findArtifactById(deps.db, row.artifactId);
        if (!found) continue;
        artifact = found;
        artifacts.set(row.artifactId, found);
      }
      if (can(principal, 'change-read', artifact.name)) summaries.push(toChangeSummary(row, artifact));
      if (summaries.length === limit) return summaries;
    }
    if (rows.length < batch) return summaries;
    before = rows.at(-1)!.id;
  }
}
