import { z } from 'zod';
import { ARTIFACT_NAME_PATTERN, type Risk } from '../../catalog/content/names.ts';

/** Roles that may approve a change request (DESIGN.md section 3: viewer < author < reviewer < approver; admin apart). */
export const APPROVER_ROLES = ['reviewer', 'approver', 'admin'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

export const RequiredSuite = z
  .strictObject({
    suite: z
      .string()
      .regex(ARTIFACT_NAME_PATTERN, 'expected an eval suite name such as support/intents')
      .describe('Eval suite that must pass.'),
    min_pass_rate: z.number().min(0).max(1).describe('Share of cases that must pass, 0..1.'),
  })
  .describe('An eval gate: the suite runs on the proposed version before it can be approved.');

export const CanaryRule = z
  .strictObject({
    required: z.boolean().default(false).describe('A canary must run before full promotion.'),
    min_percent: z
      .number()
      .gt(0)
      .max(100)
      .default(5)
      .describe('Smallest canary share of traffic, in percent.'),
    min_minutes: z
      .number()
      .int()
      .min(0)
      .default(30)
      .describe('Shortest time the canary must run before promotion.'),
    auto_rollback: z
      .boolean()
      .default(true)
      .describe('An alert rule with action: rollback that fires for the canary arm stops the canary.'),
  })
  .describe('Canary rule before a version serves all traffic.');

export const TierPolicy = z
  .strictObject({
    approvals: z.number().int().min(0).max(10).describe('Approvals a change request needs; 0 means none.'),
    approver_roles: z
      .array(z.enum(APPROVER_ROLES))
      .min(1)
      .default(['approver', 'admin'])
      .describe('Roles whose approval counts.'),
    allow_self_approval: z
      .boolean()
      .default(false)
      .describe('Whether the author may approve their own change.'),
    reason_required: z.boolean().default(false).describe('Approvals and deployments must give a reason.'),
    required_suites: z.array(RequiredSuite).default([]).describe('Eval gates for this tier.'),
    canary: CanaryRule.default({ required: false, min_percent: 5, min_minutes: 30, auto_rollback: true }),
    guard_policy: z
      .string()
      .min(1)
      .optional()
      .describe('Guard policy (from guards) for prompts of this risk that do not name one.'),
  })
  .describe('What a change to a prompt of this risk needs before it reaches production.');
export type TierPolicy = z.infer<typeof TierPolicy>;

/** Used for a tier policies.yaml leaves out; each is at least as strict as its risk suggests. */
export const DEFAULT_TIERS = {
  low: {
    approvals: 1,
    approver_roles: ['reviewer', 'approver', 'admin'],
    allow_self_approval: false,
    reason_required: false,
    required_suites: [],
    canary: { required: false, min_percent: 5, min_minutes: 30, auto_rollback: true },
  },
  medium: {
    approvals: 1,
    approver_roles: ['approver', 'admin'],
    allow_self_approval: false,
    reason_required: true,
    required_suites: [],
    canary: { required: false, min_percent: 5, min_minutes: 30, auto_rollback: true },
  },
  high: {
    approvals: 2,
    approver_roles: ['approver', 'admin'],
    allow_self_approval: false,
    reason_required: true,
    required_suites: [],
    canary: { required: true, min_percent: 5, min_minutes: 60, auto_rollback: true },
  },
} as const satisfies Record<Risk, TierPolicy>;

/** A fresh copy, so changing one parsed policy never changes the defaults. */
export function defaultTier(risk: Risk): TierPolicy {
  return structuredClone(DEFAULT_TIERS[risk]) as TierPolicy;
}

export const TiersPolicy = z
  .strictObject({
    low: TierPolicy.default(() => defaultTier('low')),
    medium: TierPolicy.default(() => defaultTier('medium')),
    high: TierPolicy.default(() => defaultTier('high')),
  })
  .superRefine((tiers, context) => {
    // Four eyes for high risk (DESIGN.md section 1): an author can never be the only approver.
    if (tiers.high.allow_self_approval) {
      context.addIssue({
        code: 'custom',
        path: ['high', 'allow_self_approval'],
        message: 'high risk changes need four eyes: allow_self_approval must be false',
      });
    }
    if (tiers.high.approvals < 1) {
      context.addIssue({
        code: 'custom',
        path: ['high', 'approvals'],
        message: 'high risk changes need at least one approval',
      });
    }
  })
  .describe('Governance per risk tier (low, medium, high).');
