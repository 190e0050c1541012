import type { z } from 'zod';
import type { ToolSpec } from '../../catalog/content/prompt-content.ts';
import type { ToolPolicyRule } from '../../governance/policies/tool-policy.ts';
import type { ToolCall } from '../providers/provider.ts';
import { type InjectionTaint, namedByInjection } from './injection-taint.ts';
import { parseToolArguments } from './tool-arguments.ts';
import type { ToolDecision } from './tool-call-record.ts';

export type ToolSpecValue = z.infer<typeof ToolSpec>;

/** What a call is checked against: the run's policy rule and what has happened in the run so far. */
export interface ToolCallSituation {
  prompt: string;
  environment: string | null;
  declared: ReadonlyMap<string, ToolSpecValue>;
  rule: ToolPolicyRule | undefined;
  callsByTool: ReadonlyMap<string, number>;
  totalCalls: number;
  succeeded: ReadonlySet<string>;
  taint: InjectionTaint;
  authorized: boolean;
  hasHandler: (tool: string) => boolean;
}

export type ToolCallVerdict =
  | { decision: 'allow'; args: Record<string, unknown> }
  | { decision: Exclude<ToolDecision, 'allow'>; reason: string; args?: unknown };

/**
 * The tool policy's decision on one call, in a fixed order (docs/tools.md): declared by the
 * version, covered by a rule and on its allow-list, not driven by input flagged as an injection,
 * within the run's and the tool's call limits, its required tools succeeded, arguments valid,
 * served by a handler;
 * then an irreversible tool needs an authorised run, else the run escalates. Pure: no handler runs here.
 */
export function decideToolCall(call: ToolCall, situation: ToolCallSituation): ToolCallVerdict {
  const deny = (reason: string, args?: unknown): ToolCallVerdict => ({ decision: 'deny', reason, args });
  const spec = situation.declared.get(call.name);
  if (!spec) return deny(`${call.name} is not a tool this prompt version declares`);
  const rule = situation.rule;
  const where = `${situation.prompt} in ${situation.environment ?? 'no environment'}`;
  if (!rule) return deny(`no tool policy in policies.yaml covers ${where}`);
  if (!rule.allow.includes(call.name))
    return deny(`the tool policy does not allow ${call.name} for ${where}`);
  // A call an injection may have driven is refused whatever else holds (issue 9, item 6).
  const { taint } = situation;
  if (taint.flagged && spec.side_effect !== 'read') {
    return deny(
      `the run's input scored ${taint.score.toFixed(2)} as a prompt injection (threshold ${taint.threshold}), so it may not call ${spec.side_effect} tools`,
    );
  }
  if (taint.flagged && namedByInjection(taint, call.name)) {
    return deny(`${call.name} is named by input that scored as a prompt injection`);
  }
  if (situation.totalCalls >= rule.max_calls_per_run) {
    return deny(`the run has made its ${rule.max_calls_per_run} tool call(s), the most the policy allows`);
  }
  const limits = rule.tools[call.name] ?? {};
  const made = situation.callsByTool.get(call.name) ?? 0;
  if (limits.max_calls !== undefined && made >= limits.max_calls) {
    return deny(`${call.name} has been called ${made} time(s), the most the policy allows in one run`);
  }
  const missing = (limits.requires ?? []).filter((required) => !situation.succeeded.has(required));
  if (missing.length > 0) {
    return deny(`${missing.join(' and ')} must succeed before ${call.name} may be called`);
  }
  const parsed = parseToolArguments(call.arguments, spec.parameters);
  if (!parsed.ok) return deny(`invalid arguments for ${call.name}: ${parsed.problem}`, parsed.value);
  if (!situation.hasHandler(call.name))
    return deny(`no handler is registered for ${call.name}`, parsed.value);
  if (spec.side_effect === 'irreversible' && !situation.authorized) {
    return {
      decision: 'escalate',
      reason: `${call.name} is irreversible and the run is not authorised (run option authorization.approvedBy): a person must take over`,
      args: parsed.value,
    };
  }
  return { decision: 'allow', args: parsed.value };
}
