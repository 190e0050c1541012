import type { Context } from '@opentelemetry/api';
import { PromptopsError } from '../../errors/index.ts';
import {
  endModelCallSpan,
  failModelCallSpan,
  recordSkippedModel,
  startModelCallSpan,
} from '../../observability/tracing/model-call-span.ts';
import type { ModelProvider, ModelRequest, ModelResponse } from '../providers/provider.ts';
import { type FailureKind, ProviderFailure } from '../providers/provider-failure.ts';
import { type BackoffOptions, retryDelay } from './backoff.ts';
import type { CircuitBreakers } from './circuit-breaker.ts';

/** One model in the fallback chain. */
export interface ModelTarget {
  /** `provider/model` as configured. */
  id: string;
  provider: ModelProvider;
  /** The provider's own model name. */
  model: string;
}

export interface CallPolicy {
  /** Retries per model after the first attempt. */
  retries: number;
  /** Total time for one attempt. */
  timeoutMs: number;
  backoff?: BackoffOptions;
}

/** What happened to one attempt: the trail a result and its run record carry. */
export interface Attempt {
  model: string;
  attempt: number;
  outcome: 'ok' | 'failed' | 'skipped';
  kind?: FailureKind | 'circuit-open';
  status?: number;
  message?: string;
  durationMs: number;
}

export type CallOutcome =
  | { ok: true; response: ModelResponse; target: ModelTarget; attempts: Attempt[] }
  | { ok: false; error: PromptopsError; attempts: Attempt[] };

export interface CallDependencies {
  breakers: CircuitBreakers;
  sleep?: (milliseconds: number, signal?: AbortSignal) => Promise<void>;
  /** The caller's cancellation. */
  signal?: AbortSignal;
  /** The run's trace context: each attempt is a span under it (observability/tracing). */
  traceContext?: Context;
}

/**
 * Stage 7 without streaming: each model of the chain in order, each with bounded retries (backoff
 * with jitter, honouring Retry-After), skipping providers whose circuit is open. Errors the request
 * itself causes (a 400) move on to the next model, which may accept it; the outcome is a value that
 * lists every attempt, so a fallback is never invisible.
 */
export async function callModel(
  targets: ModelTarget[],
  request: Omit<ModelRequest, 'model' | 'signal'>,
  policy: CallPolicy,
  dependencies: CallDependencies,
): Promise<CallOutcome> {
  const sleep = dependencies.sleep ?? abortableSleep;
  const attempts: Attempt[] = [];
  let lastError: PromptopsError | undefined;
  for (const [fallbackIndex, target] of targets.entries()) {
    if (!dependencies.breakers.allow(target.provider.name)) {
      attempts.push(skippedAttempt(target));
      recordSkippedModel(dependencies.traceContext, target);
      continue;
    }
    for (let attempt = 0; attempt <= policy.retries; attempt++) {
      if (dependencies.signal?.aborted) {
        dependencies.breakers.release(target.provider.name);
        return cancelled(attempts);
      }
      const started = performance.now();
      const span = startModelCallSpan(dependencies.traceContext, target, {
        attempt,
        fallbackIndex,
        parameters: request.parameters,
        responseFormat: request.responseFormat,
      });
      try {
        const signal = combineSignals(dependencies.signal, AbortSignal.timeout(policy.timeoutMs));
        // Raced against a timer too: a provider that ignores its abort signal must not hang the run.
        const response = await withDeadline(
          target.provider.generate({ ...request, model: target.model, signal }),
          policy.timeoutMs,
          target,
          dependencies.signal,
        );
        dependencies.breakers.record(target.provider.name, true);
        attempts.push({ model: target.id, attempt, outcome: 'ok', durationMs: performance.now() - started });
        endModelCallSpan(span, response);
        return { ok: true, response, target, attempts };
      } catch (error) {
        const failure = asFailure(error, target, policy.timeoutMs, dependencies.signal);
        if (dependencies.signal?.aborted) {
          failModelCallSpan(span, { kind: 'cancelled' });
          dependencies.breakers.release(target.provider.name);
          return cancelled(attempts);
        }
        failModelCallSpan(span, failure.failure);
        dependencies.breakers.record(target.provider.name, false);
        attempts.push(failedAttempt(target, attempt, failure, started));
        lastError = failure;
        if (!failure.retryable || attempt === policy.retries) break;
        const delay = retryDelay(attempt, failure.failure.retryAfterMs, policy.backoff);
        if (delay === null) break;
        await sleep(delay, dependencies.signal).catch(() => {});
      }
    }
  }
  const tried = attempts.map((attempt) => `${attempt.model}: ${attempt.kind ?? attempt.outcome}`).join(', ');
  return {
    ok: false,
    error:
      lastError ??
      new PromptopsError(
        'provider_error',
        `no model could be called (${tried || 'no models configured'})`,
        {},
      ),
    attempts,
  };
}

export function asFailure(
  error: unknown,
  target: ModelTarget,
  timeoutMs: number,
  callerSignal?: AbortSignal,
): ProviderFailure {
  if (ProviderFailure.isFailure(error)) return error;
  const name = (error as { name?: string })?.name;
  if ((name === 'TimeoutError' || name === 'AbortError') && !callerSignal?.aborted) {
    return new ProviderFailure(`${target.id} did not answer within ${timeoutMs} ms`, {
      provider: target.provider.name,
      kind: 'timeout',
    });
  }
  return new ProviderFailure(
    `${target.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    { provider: target.provider.name, kind: 'connection' },
    { cause: error },
  );
}

/** A model passed over because its provider's circuit is open. */
export function skippedAttempt(target: ModelTarget): Attempt {
  return { model: target.id, attempt: 0, outcome: 'skipped', kind: 'circuit-open', durationMs: 0 };
}

/** A failed attempt as results and records show it. */
export function failedAttempt(
  target: ModelTarget,
  attempt: number,
  failure: ProviderFailure,
  started: number,
): Attempt {
  return {
    model: target.id,
    attempt,
    outcome: 'failed',
    kind: failure.failure.kind,
    status: failure.failure.status,
    message: failure.message,
    durationMs: performance.now() - started,
  };
}

function cancelled(attempts: Attempt[]): CallOutcome {
  return {
    ok: false,
    error: new PromptopsError('provider_error', 'the call was cancelled by the caller', { cancelled: true }),
    attempts,
  };
}

/** Rejects with a timeout failure after `timeoutMs`, or at once when the caller cancels. */
export async function withDeadline<T>(
  promise: Promise<T>,
  timeoutMs: number,
  target: ModelTarget,
  callerSignal?: AbortSignal,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ProviderFailure(`${target.id} did not answer within ${timeoutMs} ms`, {
            provider: target.provider.name,
            kind: 'timeout',
          }),
        ),
      timeoutMs,
    );
    onAbort = () => reject(callerSignal?.reason ?? new Error('cancelled'));
    callerSignal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
    if (onAbort) callerSignal?.removeEventListener('abort', onAbort);
    promise.catch(() => {});
  }
}

export function combineSignals(...signals: (AbortSignal | undefined)[]): AbortSignal {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  return present.length === 1 ? present[0]! : AbortSignal.any(present);
}

export function abortableSleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
