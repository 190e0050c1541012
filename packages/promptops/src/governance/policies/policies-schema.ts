import { z } from 'zod';
import {
  ARTIFACT_NAME_PATTERN,
  DATA_CLASSIFICATIONS,
  ENVIRONMENT_NAME_PATTERN,
} from '../../catalog/content/names.ts';
import { suggestName } from '../../errors/suggest-name.ts';
import { findUnknownEntities, knownEntityNames } from '../../guardrails/pii-entity-names.ts';
import { parseAlertCondition } from '../../observability/alerts/alert-condition.ts';
import { EvaluationPolicy } from './evaluation-policy.ts';
import { GuardPolicy, RecognizerRule } from './guard-policy.ts';
import { OverrideRule } from './override-rule.ts';
import { defaultTier, TiersPolicy } from './tier-policy.ts';
import { ToolPolicyRule } from './tool-policy.ts';

/** `policies.yaml`: governance as code (DESIGN.md section 3, Policy). */

const SIMPLE_NAME = /^[a-z0-9][a-z0-9_-]*$/;
const simpleName = (what: string) =>
  z.string().regex(SIMPLE_NAME, `${what}: lower-case letters, digits, "-" and "_"`);

/** `provider/model` with `*` wildcards (`openai/*`, `*`). Only `*` is special, so matching stays linear. */
export const ModelGlob = z
  .string()
  .regex(/^(\*|[a-z0-9*][a-z0-9_*-]*\/\S+)$/, 'expected provider/model, with * as a wildcard (openai/*)');

const IsoDateTime = z.iso.datetime({
  offset: true,
  error: 'expected an ISO 8601 date-time such as 2025-12-20T00:00:00Z',
});

export const FreezeWindow = z
  .strictObject({
    name: simpleName('freeze window name'),
    environments: z.array(z.string().regex(ENVIRONMENT_NAME_PATTERN)).min(1).describe('Environments frozen.'),
    start: IsoDateTime.describe('ISO 8601 date-time the freeze starts, e.g. 2025-12-20T00:00:00Z.'),
    end: IsoDateTime.describe('ISO 8601 date-time the freeze ends.'),
    reason: z.string().min(1).optional(),
  })
  .refine(
    // Only compare two valid date-times; a malformed one already has its own issue.
    (window) =>
      !IsoDateTime.safeParse(window.start).success ||
      !IsoDateTime.safeParse(window.end).success ||
      Date.parse(window.end) > Date.parse(window.start),
    { message: 'end must be after start', path: ['end'] },
  )
  .describe('No deployments to these environments between start and end.');

export const BudgetRule = z
  .strictObject({
    scope: z
      .enum(['global', 'folder', 'prompt', 'team'])
      .describe('What the budget covers: every prompt, a folder, one prompt, or the prompts a team owns.'),
    // The name rule is checked per scope below: a team is a prompt's `owner`, which is free text.
    match: z
      .string()
      .min(1)
      .optional()
      .describe(
        'The folder (support), prompt (support/classify-intent) or team (the owner a prompt names, e.g. customer-support); not for scope global.',
      ),
    period: z.enum(['day', 'month']),
    soft_usd: z.number().positive().optional().describe('Above this, on_soft applies.'),
    hard_usd: z.number().positive().optional().describe('Above this, calls are refused (budget_exceeded).'),
    on_soft: z.enum(['cheaper_tier', 'alert']).default('alert'),
  })
  .superRefine((budget, context) => {
    if (budget.scope === 'global' && budget.match !== undefined) {
      context.addIssue({
        code: 'custom',
        path: ['match'],
        message: 'a global budget matches everything: remove match',
      });
    }
    if (budget.scope !== 'global' && budget.match === undefined) {
      context.addIssue({ code: 'custom', path: ['match'], message: `a ${budget.scope} budget needs match` });
    }
    if (
      (budget.scope === 'folder' || budget.scope === 'prompt') &&
      budget.match !== undefined &&
      !ARTIFACT_NAME_PATTERN.test(budget.match)
    ) {
      context.addIssue({
        code: 'custom',
        path: ['match'],
        message: 'expected a folder or prompt name such as support or support/classify-intent',
      });
    }
    if (budget.soft_usd === undefined && budget.hard_usd === undefined) {
      context.addIssue({ code: 'custom', path: ['soft_usd'], message: 'give soft_usd, hard_usd or both' });
    }
    if (budget.soft_usd !== undefined && budget.hard_usd !== undefined && budget.soft_usd > budget.hard_usd) {
      context.addIssue({ code: 'custom', path: ['soft_usd'], message: 'soft_usd must not exceed hard_usd' });
    }
  });

export const AlertRule = z.strictObject({
  name: simpleName('alert name'),
  condition: z
    .string()
    .min(1)
    .superRefine((text, context) => {
      // Checked when policies.yaml is read, so a rule the evaluator cannot run is refused at push.
      const parsed = parseAlertCondition(text);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.error });
    })
    .describe(
      'A comparison over live metrics: "error_rate > 0.05", "hourly_cost > 2 * baseline_hourly_cost". Metrics: error_rate, p50_latency_ms, p99_latency_ms, hourly_cost, baseline_hourly_cost, guard_trigger_rate, validation_failure_rate, escalation_rate.',
    ),
  for: z
    .string()
    .regex(/^\d+(s|m|h)$/, 'expected a duration such as 30s, 5m or 1h')
    .default('0s')
    .describe('How long the condition must hold before the alert fires.'),
  severity: z.enum(['info', 'warning', 'critical']),
  action: z
    .enum(['rollback'])
    .optional()
    .describe(
      "Automatic action when it fires for a canary arm: stop the canary (unless the prompt's tier sets canary.auto_rollback: false).",
    ),
  min_requests: z
    .number()
    .int()
    .min(1)
    .default(20)
    .describe(
      'Runs the window needs before rates and latencies are judged, so one failure in one run does not fire.',
    ),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const Policies = z
  .strictObject({
    tiers: TiersPolicy.default(() => ({
      low: defaultTier('low'),
      medium: defaultTier('medium'),
      high: defaultTier('high'),
    })),
    freeze_windows: z.array(FreezeWindow).default([]),
    models_by_classification: z
      .partialRecord(z.enum(DATA_CLASSIFICATIONS), z.array(ModelGlob))
      .default({})
      .describe(
        'Models allowed per data classification; a classification left out allows every model, except restricted, which then allows none.',
      ),
    retrieval_by_classification: z
      .partialRecord(z.enum(DATA_CLASSIFICATIONS), z.array(z.enum(DATA_CLASSIFICATIONS)))
      .default({})
      .describe(
        'Retrieval source classifications a prompt of each classification may read (docs/retrieval.md); a classification left out reads sources of its own classification or lower.',
      ),
    guards: z
      .record(simpleName('guard policy name'), GuardPolicy)
      .default({})
      .describe('Named guard policies.'),
    guards_by_classification: z
      .partialRecord(z.enum(DATA_CLASSIFICATIONS), simpleName('guard policy name'))
      .default({})
      .describe(
        "A guard policy applied to every prompt of a data classification, in addition to its own or its tier's; the strictest verdict wins.",
      ),
    recognizers: z
      .array(RecognizerRule)
      .default([])
      .describe('Custom recognizers; guard policies name them in pii.entities like built-in types.'),
    budgets: z.array(BudgetRule).default([]),
    alerts: z.array(AlertRule).default([]),
    evaluation: EvaluationPolicy.default({}).describe(
      'Evaluation schedules: `drift` re-runs the suites of deployed versions (docs/evaluation.md).',
    ),
    tools: z
      .array(ToolPolicyRule)
      .default([])
      .describe(
        'Tool policy (docs/tools.md): per prompt and environment, the tools allowed, call limits, required order, timeouts and failure handling. No rule: no tool calls.',
      ),
    overrides: z
      .array(OverrideRule)
      .default([])
      .describe(
        'Central fragments team folders may override, by whom, and which blocks stay locked (docs/governance.md, Central and local fragments).',
      ),
  })
  .superRefine((policies, context) => {
    for (const [field, entries] of [
      ['freeze_windows', policies.freeze_windows],
      ['alerts', policies.alerts],
    ] as const) {
      const seen = new Set<string>();
      for (const [index, entry] of entries.entries()) {
        if (seen.has(entry.name)) {
          context.addIssue({
            code: 'custom',
            path: [field, index, 'name'],
            message: `"${entry.name}" is used twice`,
          });
        }
        seen.add(entry.name);
      }
    }
    const ruled = new Set<string>();
    for (const [index, rule] of policies.overrides.entries()) {
      if (ruled.has(rule.fragment)) {
        context.addIssue({
          code: 'custom',
          path: ['overrides', index, 'fragment'],
          message: `"${rule.fragment}" already has a rule; give each central fragment one rule`,
        });
      }
      ruled.add(rule.fragment);
    }
    const recognizerNames = new Set<string>();
    for (const [index, recognizer] of policies.recognizers.entries()) {
      if (recognizerNames.has(recognizer.name)) {
        context.addIssue({
          code: 'custom',
          path: ['recognizers', index, 'name'],
          message: `"${recognizer.name}" is used twice`,
        });
      }
      recognizerNames.add(recognizer.name);
    }
    const known = knownEntityNames([...recognizerNames]);
    for (const { path, name } of findUnknownEntities(policies)) {
      const suggestion = suggestName(name, known);
      context.addIssue({
        code: 'custom',
        path,
        message: `unknown entity "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''} (built-in types and recognizers are allowed)`,
      });
    }
    for (const [classification, name] of Object.entries(policies.guards_by_classification)) {
      if (!Object.hasOwn(policies.guards, name)) {
        context.addIssue({
          code: 'custom',
          path: ['guards_by_classification', classification],
          message: `guard policy "${name}" is not defined under guards`,
        });
      }
    }
    for (const [risk, tier] of Object.entries(policies.tiers)) {
      if (tier.guard_policy !== undefined && !Object.hasOwn(policies.guards, tier.guard_policy)) {
        context.addIssue({
          code: 'custom',
          path: ['tiers', risk, 'guard_policy'],
          message: `guard policy "${tier.guard_policy}" is not defined under guards`,
        });
      }
    }
  })
  .describe(
    'policies.yaml: risk tiers, freeze windows, allowed models, guard policies, budgets, alerts, tool policy and fragment override rules.',
  );
export type Policies = z.infer<typeof Policies>;
export type PoliciesInput = z.input<typeof Policies>;
