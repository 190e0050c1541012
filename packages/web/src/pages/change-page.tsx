import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { ChangeDetail } from '../api/change-types.ts';
import { type ApiError, api, namePath } from '../api/client.ts';
import type { ArtifactDetail } from '../api/types.ts';
import { RiskBadge, StateBadge } from '../components/badges.tsx';
import { ErrorNote } from '../components/error-note.tsx';
import { actorName, artifactHref, formatTime } from '../components/format.ts';
import { GuideLink } from '../components/guide-link.tsx';
import { ReasonDialog } from '../components/reason-dialog.tsx';
import { ChangeSuites } from '../components/suites/change-suites.tsx';
import { VersionDiff } from '../components/version-diff.tsx';
import { usePermissions, useSession } from '../session.tsx';
import { useApi } from '../use-api.ts';

type Dialog = 'approve' | 'reject' | 'withdraw' | 'deploy' | undefined;

const EVENT_VERBS: Record<string, string> = {
  propose: 'proposed',
  comment: 'commented',
  approve: 'approved',
  reject: 'rejected',
  withdraw: 'withdrew',
  deploy: 'deployed',
};

/**
 * One change request: what it changes against what the environment serves, the eval results, what
 * the policy still requires (in words), the discussion, and the actions the reader may take.
 */
export function ChangePage() {
  const id = Number(useParams().id);
  const change = useApi<ChangeDetail>(`/api/changes/${id}`);
  const name = change.data?.name ?? null;
  const detail = useApi<ArtifactDetail>(
    name ? `/api/artifacts/${change.data!.kind}/${namePath(name)}` : null,
  );
  const permissions = usePermissions(name ?? '');
  const { session } = useSession();
  const [dialog, setDialog] = useState<Dialog>();
  const [canaryPercent, setCanaryPercent] = useState<number | undefined>();
  const [commentError, setCommentError] = useState<ApiError | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  if (change.error) return <ErrorNote error={change.error} />;
  if (!change.data) return <p className="loading">Loading…</p>;
  const data = change.data;
  const mine = session?.actor === data.author;
  const deployed = detail.data?.artifact.deployments.find((item) => item.environment === data.environment);
  const canaryMin = data.requirements.canary.required ? data.requirements.canary.minPercent : 0;
  const percent =
    canaryPercent ?? (data.requirements.canary.required && deployed?.stableVersion ? canaryMin : 0);

  const act = async (action: 'approve' | 'reject' | 'withdraw', reason: string) => {
    await api(`/api/changes/${id}/${action}`, {
      body: { revision: data.revision, ...(reason !== '' && { reason }) },
    });
    setNotice(`Change #${id} ${EVENT_VERBS[action]}.`);
    change.reload();
  };
  const deploy = async (reason: string) => {
    await api(`/api/changes/${id}/deploy`, {
      body: {
        revision: data.revision,
        ...(percent > 0 && { canaryPercent: percent }),
        ...(reason !== '' && { reason }),
      },
    });
    setNotice(
      percent > 0
        ? `Deployed as a canary taking ${percent}% of ${data.environment}.`
        : `Deployed to ${data.environment}.`,
    );
    change.reload();
    detail.reload();
  };
  async function comment(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const body = String(new FormData(form).get('body') ?? '').trim();
    if (body === '') return;
    try {
      await api(`/api/changes/${id}/comments`, { body: { body } });
      form.reset();
      setCommentError(undefined);
      change.reload();
    } catch (failure) {
      setCommentError(failure as ApiError);
    }
  }

  const open = data.state === 'open';
  const canApprove = permissions.can('change-approve') && open;
  const canReject = permissions.can('change-reject') && open;
  const canWithdraw =
    (mine || permissions.can('label-force')) &&
    permissions.can('change-withdraw') &&
    (open || data.state === 'approved');
  const canDeploy = permissions.can('deploy') && data.state === 'approved';

  return (
    <div>
      <div className="page-head">
        <h1>
          #{data.id} {data.title}
        </h1>
        <StateBadge state={data.state} />
        <RiskBadge risk={data.risk} />
      </div>
      <p>
        <Link to={artifactHref(data.kind, data.name)}>{data.name}</Link> v{data.version} →{' '}
        <strong>{data.environment}</strong>
        <span className="muted">
          {' '}
          · proposed by {actorName(data.author)}, {formatTime(data.createdAt)}
        </span>
      </p>
      {notice && <p className="success">{notice}</p>}

      <div className="actions" data-testid="change-actions">
        {canApprove && (
          <button
            type="button"
            className="primary"
            onClick={() => setDialog('approve')}
            disabled={mine && !data.requirements.allowSelfApproval}
            title={
              mine && !data.requirements.allowSelfApproval
                ? 'You proposed this change: someone else must approve it.'
                : undefined
            }
          >
            Approve
          </button>
        )}
        {canReject && (
          <button type="button" onClick={() => setDialog('reject')}>
            Reject
          </button>
        )}
        {canDeploy && (
          <button type="button" className="primary" onClick={() => setDialog('deploy')}>
            Deploy…
          </button>
        )}
        {canWithdraw && (
          <button type="button" onClick={() => setDialog('withdraw')}>
            Withdraw
          </button>
        )}
      </div>

      <section className="card" style={{ marginTop: '1rem' }} data-testid="policy">
        <h2 style={{ marginTop: 0 }}>
          What the policy requires <GuideLink step="review" />
        </h2>
        <PolicyStatus change={data} />
      </section>

      <h2>Changes against what {data.environment} serves</h2>
      {!detail.data ? (
        <p className="muted">Loading…</p>
      ) : deployed?.stableVersion ? (
        deployed.stableVersion === data.version ? (
          <p className="muted">
            {data.environment} serves v{data.version} already.
          </p>
        ) : (
          <VersionDiff
            kind={data.kind}
            name={data.name}
            from={{ version: deployed.stableVersion }}
            to={{ version: data.version }}
          />
        )
      ) : data.version > 1 ? (
        <>
          <p className="muted">
            {data.environment} serves nothing yet; compared with the previous version, v{data.version - 1}.
          </p>
          <VersionDiff
            kind={data.kind}
            name={data.name}
            from={{ version: data.version - 1 }}
            to={{ version: data.version }}
          />
        </>
      ) : (
        <p className="muted">
          {data.environment} serves nothing yet, and this is the first version:{' '}
          <Link to={artifactHref(data.kind, data.name)}>see it</Link>.
        </p>
      )}

      <h2>Eval results on v{data.version}</h2>
      {data.evalResults.length === 0 ? (
        <p className="muted">No eval results recorded for this version.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>Suite</th>
                <th>Passed</th>
                <th>Rate</th>
                <th>Recorded</th>
              </tr>
            </thead>
            <tbody>
              {data.evalResults.map((result) => (
                <tr key={result.suite}>
                  <td>{result.suite}</td>
                  <td>
                    {result.passed} / {result.total}
                  </td>
                  <td>{Math.round(result.passRate * 1000) / 10}%</td>
                  <td>{formatTime(result.recordedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {data.kind === 'prompt' && detail.data && (
        <ChangeSuites
          name={data.name}
          version={data.version}
          served={deployed?.stableVersion ?? undefined}
          environment={data.environment}
          canRun={permissions.can('eval-run') && (open || data.state === 'approved')}
          onRecorded={change.reload}
        />
      )}

      <h2>Activity</h2>
      <ol className="timeline">
        {data.events.map((event, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: events have no id; their order is fixed
          <li key={index}>
            <strong>{actorName(event.actor)}</strong> {EVENT_VERBS[event.kind] ?? event.kind}{' '}
            <span className="muted small">{formatTime(event.at)}</span>
            {event.body && (
              <p style={{ margin: '0.2rem 0 0' }} className="pre">
                {event.body}
              </p>
            )}
          </li>
        ))}
      </ol>
      {permissions.can('change-comment') && (
        <form onSubmit={comment} className="form-grid" style={{ maxWidth: '40rem' }}>
          <label>
            Comment
            <textarea name="body" rows={3} maxLength={10_000} />
          </label>
          <ErrorNote error={commentError} />
          <div className="actions">
            <button type="submit">Add comment</button>
          </div>
        </form>
      )}

      <ReasonDialog
        open={dialog === 'approve'}
        title={`Approve #${data.id}`}
        explanation={`Your approval counts towards the ${data.approvals.needed} needed from ${data.approvals.approverRoles.join(' or ')}.`}
        confirmLabel="Approve"
        reasonRequired={data.requirements.reasonRequired}
        onConfirm={(reason) => act('approve', reason)}
        onClose={() => setDialog(undefined)}
      />
      <ReasonDialog
        open={dialog === 'reject'}
        title={`Reject #${data.id}`}
        explanation="The author sees your reason; a rejected change cannot be deployed."
        confirmLabel="Reject"
        reasonRequired
        danger
        onConfirm={(reason) => act('reject', reason)}
        onClose={() => setDialog(undefined)}
      />
      <ReasonDialog
        open={dialog === 'withdraw'}
        title={`Withdraw #${data.id}`}
        confirmLabel="Withdraw"
        reasonRequired={false}
        onConfirm={(reason) => act('withdraw', reason)}
        onClose={() => setDialog(undefined)}
      />
      <ReasonDialog
        open={dialog === 'deploy'}
        title={`Deploy v${data.version} to ${data.environment}`}
        explanation={
          deployed?.stableVersion
            ? `${data.environment} serves v${deployed.stableVersion} now.`
            : `${data.environment} serves nothing yet: this version becomes its stable version.`
        }
        confirmLabel={percent > 0 ? `Deploy as ${percent}% canary` : 'Deploy'}
        reasonRequired={data.requirements.reasonRequired && data.environment === 'production'}
        onConfirm={deploy}
        onClose={() => setDialog(undefined)}
      >
        {deployed?.stableVersion ? (
          <label>
            Canary share of traffic: {percent}%
            <input
              type="range"
              min={0}
              max={100}
              step={1}
              value={percent}
              aria-label="Canary percent"
              onChange={(event) => setCanaryPercent(Number(event.target.value))}
            />
            <span className="field-hint">
              {percent === 0
                ? '0% deploys it as the stable version for everyone.'
                : `v${data.version} serves ${percent}% of requests; the rest stay on v${deployed.stableVersion}.`}
              {data.requirements.canary.required && ` Policy: at least ${canaryMin}% first.`}
            </span>
          </label>
        ) : null}
      </ReasonDialog>
    </div>
  );
}

/** The tier's requirements against where the change stands, each as a sentence with ✓ or ✗. */
function PolicyStatus({ change }: { change: ChangeDetail }) {
  const { approvals, requirements } = change;
  const items: { done: boolean | 'rule'; text: string }[] = [];
  if (change.state === 'open' || change.state === 'approved') {
    const remaining = Math.max(approvals.needed - approvals.count, 0);
    items.push(
      approvals.needed === 0
        ? { done: true, text: `Changes to ${change.environment} need no approval.` }
        : {
            done: remaining === 0,
            text:
              remaining === 0
                ? `Approved by ${approvals.count} of the ${approvals.needed} needed.`
                : `Needs ${remaining} more approval${remaining === 1 ? '' : 's'} (${approvals.count} of ${approvals.needed}) from ${approvals.approverRoles.join(' or ')}${requirements.allowSelfApproval ? '' : ', not the author'}.`,
          },
    );
    for (const gate of requirements.requiredSuites) {
      const result = change.evalResults.find((item) => item.suite === gate.suite);
      const needed = `${Math.round(gate.minPassRate * 1000) / 10}%`;
      items.push(
        !result
          ? {
              done: false,
              text: `Eval gate ${gate.suite}: no result yet for v${change.version}; needs ≥ ${needed}.`,
            }
          : {
              done: result.passRate >= gate.minPassRate,
              text: `Eval gate ${gate.suite}: ${Math.round(result.passRate * 1000) / 10}% passed; needs ≥ ${needed}.`,
            },
      );
    }
    if (requirements.reasonRequired)
      items.push({ done: true, text: 'Approvals and production deployments must give a reason.' });
    if (requirements.canary.required) {
      items.push({
        done: 'rule',
        text: `Deploying starts as a canary of at least ${requirements.canary.minPercent}% that runs ${requirements.canary.minMinutes} minutes before it can be promoted.`,
      });
    }
  }
  const summary: Record<string, string> = {
    open: 'Open: waiting for review.',
    approved: 'Approved: a deployer can deploy it.',
    deployed: `Deployed to ${change.environment}. Nothing more is required.`,
    rejected: 'Rejected: it cannot be deployed. Propose a new change instead.',
    withdrawn: 'Withdrawn by its author.',
  };
  return (
    <>
      <p style={{ marginTop: 0 }}>
        <strong>{summary[change.state]}</strong>
      </p>
      {items.length > 0 && (
        <ul className="requirements">
          {items.map((item) => (
            <li
              key={item.text}
              className={item.done === true ? 'done' : item.done === 'rule' ? 'rule' : 'todo'}
            >
              <span aria-hidden="true">{item.done === true ? '✓' : item.done === 'rule' ? '–' : '•'}</span>{' '}
              {item.text}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
