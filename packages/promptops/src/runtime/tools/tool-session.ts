import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { ToolPolicyRule } from '../../governance/policies/tool-policy.ts';
import type { GuardDetectors } from '../../guardrails/create-guard-hooks.ts';
import { traceToolCall } from '../../observability/tracing/tool-call-span.ts';
import type { ToolCall, ToolDefinition } from '../providers/provider.ts';
import { decideToolCall, type ToolSpecValue } from './decide-tool-call.ts';
import type { InjectionTaint } from './injection-taint.ts';
import { redactValue, summarizeResult } from './redact-arguments.ts';
import type { ToolCallRecord, ToolRunContext } from './tool-call-record.ts';
import { reportsFailure, type ToolRegistry } from './tool-handler.ts';

const DEFAULT_TIMEOUT_MS = 10_000;

export interface ToolSessionInput {
  state: ToolRunContext;
  content: PromptContent;
  rule: ToolPolicyRule | undefined;
  taint: InjectionTaint;
  registry: ToolRegistry;
  detectors: GuardDetectors;
}

/**
 * One run's tool use: what the model is offered, and each call it asks for decided by policy, run
 * (with its timeout and failure handling), and written to the trail. `escalation` is set when a
 * call means a person must take over; the loop then stops and the run ends `escalated`.
 */
export class ToolSession {
  readonly records: ToolCallRecord[] = [];
  escalation: string | undefined;
  readonly maxRounds: number;
  private readonly declared: Map<string, ToolSpecValue>;
  private readonly callsByTool = new Map<string, number>();
  private readonly succeeded = new Set<string>();
  private totalCalls = 0;
  private readonly input: ToolSessionInput;

  constructor(input: ToolSessionInput) {
    this.input = input;
    this.declared = new Map((input.content.tools ?? []).map((tool) => [tool.name, tool]));
    this.maxRounds = input.rule?.max_rounds ?? 5;
  }

  /** The declared tools the policy allows here: what the model is offered. */
  definitions(): ToolDefinition[] {
    const allowed = new Set(this.input.rule?.allow ?? []);
    return [...this.declared.values()]
      .filter((tool) => allowed.has(tool.name))
      .map((tool) => ({ name: tool.name, description: tool.description, parameters: tool.parameters }));
  }

  /** Decides, runs and records one call; returns the tool turn's content for the model. */
  async handle(call: ToolCall, round: number, signal?: AbortSignal): Promise<string> {
    const { state, rule, registry, detectors } = this.input;
    const startedAt = new Date().toISOString();
    const started = performance.now();
    const authorization = state.options.authorization;
    const verdict = decideToolCall(call, {
      prompt: state.result.prompt,
      environment: state.result.environment,
      declared: this.declared,
      rule,
      callsByTool: this.callsByTool,
      totalCalls: this.totalCalls,
      succeeded: this.succeeded,
      taint: this.input.taint,
      authorized: authorization !== undefined,
      hasHandler: (tool) => registry.get(tool) !== undefined,
    });
    const base = {
      callId: call.id,
      round,
      tool: call.name,
      sideEffect: this.declared.get(call.name)?.side_effect ?? null,
      startedAt,
    };
    if (verdict.decision !== 'allow') {
      const argumentsShown = verdict.args === undefined ? call.arguments : verdict.args;
      this.records.push({
        ...base,
        decision: verdict.decision,
        outcome: 'not-run',
        reason: verdict.reason,
        arguments: redactValue(argumentsShown, detectors),
        attempts: 0,
        durationMs: performance.now() - started,
      });
      if (verdict.decision === 'escalate') this.escalation = verdict.reason;
      return JSON.stringify({ refused: true, reason: verdict.reason });
    }
    this.totalCalls++;
    this.callsByTool.set(call.name, (this.callsByTool.get(call.name) ?? 0) + 1);
    const limits = rule?.tools[call.name] ?? {};
    const onFailure = limits.on_failure ?? 'skip';
    const tries = 1 + (onFailure === 'retry' ? (limits.retries ?? 1) : 0);
    const handler = registry.get(call.name)!;
    let attempts = 0;
    let failure = '';
    let value: unknown;
    let ok = false;
    let timedOut = false;
    while (attempts < tries && !ok) {
      attempts++;
      const attempt = await runHandler(
        (handlerSignal) =>
          traceToolCall(state.trace.context, { name: call.name, callId: call.id }, async () =>
            handler(verdict.args, {
              tool: call.name,
              prompt: state.result.prompt,
              runId: state.result.runId,
              environment: state.result.environment,
              callId: call.id,
              signal: handlerSignal,
            }),
          ),
        limits.timeout_ms ?? DEFAULT_TIMEOUT_MS,
        signal,
      );
      if (attempt.ok && !reportsFailure(attempt.value)) {
        ok = true;
        value = attempt.value;
      } else {
        failure = attempt.ok ? `${call.name} reported failure` : attempt.problem;
        timedOut = !attempt.ok && attempt.timedOut === true;
        value = attempt.ok ? attempt.value : undefined;
      }
    }
    if (ok) this.succeeded.add(call.name);
    this.records.push({
      ...base,
      decision: 'allow',
      outcome: ok ? 'ok' : 'failed',
      ...(!ok && { reason: failure }),
      arguments: redactValue(verdict.args, detectors),
      ...(value !== undefined && { resultSummary: summarizeResult(value, detectors) }),
      attempts,
      durationMs: performance.now() - started,
      ...(authorization && { authorizedBy: authorization.approvedBy }),
    });
    if (ok) return typeof value === 'string' ? value : JSON.stringify(value ?? null);
    if (onFailure === 'escalate') {
      this.escalation = `${call.name} failed (${failure}) and the tool policy escalates its failures`;
    }
    // A failure the handler reported in its answer is the model's to see; a thrown error's text (which
    // may hold internals) only goes to the trail.
    if (value !== undefined) return JSON.stringify(value);
    const told = timedOut ? `${call.name} timed out` : `${call.name} failed`;
    return JSON.stringify({ failed: true, reason: told });
  }
}

type HandlerAttempt = { ok: true; value: unknown } | { ok: false; problem: string; timedOut?: boolean };

/** Runs a handler with its timeout; the signal it gets aborts on the timeout or the run's cancellation. */
async function runHandler(
  run: (signal: AbortSignal) => unknown,
  timeoutMs: number,
  runSignal: AbortSignal | undefined,
): Promise<HandlerAttempt> {
  const controller = new AbortController();
  const signal = runSignal ? AbortSignal.any([controller.signal, runSignal]) : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<HandlerAttempt>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ ok: false, problem: `timed out after ${timeoutMs} ms`, timedOut: true });
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(() => run(signal))
        .then(
          (value): HandlerAttempt => ({ ok: true, value }),
          (error: unknown): HandlerAttempt => ({
            ok: false,
            problem: error instanceof Error ? error.message : String(error),
          }),
        ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
