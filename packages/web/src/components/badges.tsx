import type { EnvironmentDeployment, Risk } from '../api/types.ts';

export function RiskBadge({ risk }: { risk: Risk | null }) {
  if (!risk) return <span className="muted">—</span>;
  return <span className={`badge risk-${risk}`}>{risk} risk</span>;
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{state}</span>;
}

/** `production v3 · canary v4 10%` for each environment the artifact is deployed to. */
export function EnvironmentBadges({
  deployments,
}: {
  deployments: readonly EnvironmentDeployment[] | undefined;
}) {
  if (!deployments) return <span className="muted">…</span>;
  if (deployments.length === 0) return <span className="muted">not deployed</span>;
  return (
    <span className="env-list">
      {deployments.map((deployment) => (
        <span key={deployment.environment} className="badge env">
          {deployment.environment} v{deployment.stableVersion ?? '—'}
          {deployment.canaryVersion !== null && (
            <>
              {' '}
              · canary v{deployment.canaryVersion} {deployment.canaryPercent}%
            </>
          )}
        </span>
      ))}
    </span>
  );
}
