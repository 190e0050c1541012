import type { Risk } from '../../catalog/content/names.ts';
import { type Principal, type Role, roleSatisfies, rolesOn } from '../access/index.ts';
import type { Policies } from '../policies/policies-schema.ts';
import type { TierPolicy } from '../policies/tier-policy.ts';

/** The tier a change is judged by: the artifact's risk; fragments and example banks count as medium. */
export function tierOf(policies: Policies, risk: string | null): { risk: Risk; tier: TierPolicy } {
  const known = risk === 'low' || risk === 'medium' || risk === 'high' ? risk : 'medium';
  return { risk: known, tier: policies.tiers[known] };
}

export interface ApprovalAttempt {
  principal: Principal;
  name: string;
  author: string;
  reason: string | undefined;
  /** Actors who approved already. */
  approvedBy: readonly string[];
  /** Latest pass rate per suite for the proposed version. */
  evalPassRates: ReadonlyMap<string, number>;
}

/**
 * Why this approval may not count, by the tier's rules, or undefined when it may: four eyes, the
 * roles that may approve, a reason, one approval per person, and the eval gates.
 */
export function approvalRefusal(tier: TierPolicy, risk: Risk, attempt: ApprovalAttempt): string | undefined {
  const { principal } = attempt;
  if (principal.actor === attempt.author && !tier.allow_self_approval) {
    return `${principal.actor} proposed this change and may not approve it (four eyes, ${risk} risk)`;
  }
  const held = rolesOn(principal, attempt.name);
  const qualifying = tier.approver_roles.find((role) => held.some((own) => roleSatisfies(own, role as Role)));
  if (qualifying === undefined) {
    return `${risk} risk changes are approved by ${tier.approver_roles.join(' or ')}; ${principal.actor} holds ${held.join(', ') || 'no role'} on ${attempt.name}`;
  }
  if (tier.reason_required && !attempt.reason?.trim()) {
    return `${risk} risk approvals need a reason (--reason)`;
  }
  if (attempt.approvedBy.includes(principal.actor)) {
    return `${principal.actor} approved this change already; it needs approvals from different people`;
  }
  for (const gate of tier.required_suites) {
    const passRate = attempt.evalPassRates.get(gate.suite);
    if (passRate === undefined) {
      return `eval gate: suite ${gate.suite} has no result for this version (needs pass rate ≥ ${gate.min_pass_rate})`;
    }
    if (passRate < gate.min_pass_rate) {
      return `eval gate: suite ${gate.suite} passed ${formatRate(passRate)} of cases; ${risk} risk needs ≥ ${formatRate(gate.min_pass_rate)}`;
    }
  }
  return undefined;
}

const formatRate = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** The first freeze covering `environment` at `now`: the release calendar, then freezes declared at run time. */
export function activeFreeze(
  policies: Policies,
  declared: readonly { environment: string; reason: string; startedBy: string }[],
  environment: string,
  now: Date,
): string | undefined {
  for (const window of policies.freeze_windows) {
    if (!window.environments.includes(environment)) continue;
    if (now >= new Date(window.start) && now < new Date(window.end)) {
      return `${environment} is frozen until ${window.end} (${window.name}${window.reason ? `: ${window.reason}` : ''})`;
    }
  }
  const freeze = declared.find((entry) => entry.environment === environment);
  return freeze ? `${environment} is frozen by ${freeze.startedBy}: ${freeze.reason}` : undefined;
}
