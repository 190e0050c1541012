export { DriftPolicy, EvaluationPolicy, scheduleMs } from './evaluation-policy.ts';
export { GuardPolicy, InputGuardPolicy, OutputGuardPolicy } from './guard-policy.ts';
export { loadPolicies, POLICIES_FILE, parsePolicies } from './load-policies.ts';
export { fragmentOverrideRules, OverrideRule } from './override-rule.ts';
export {
  AlertRule,
  BudgetRule,
  FreezeWindow,
  ModelGlob,
  Policies,
  type PoliciesInput,
} from './policies-schema.ts';
export { readableClassifications, retrievalRefusal } from './retrieval-policy.ts';
export {
  APPROVER_ROLES,
  type ApproverRole,
  CanaryRule,
  DEFAULT_TIERS,
  defaultTier,
  RequiredSuite,
  TierPolicy,
  TiersPolicy,
} from './tier-policy.ts';
export {
  TOOL_FAILURE_ACTIONS,
  type ToolFailureAction,
  ToolLimits,
  ToolPolicyRule,
} from './tool-policy.ts';
