import { PromptopsError } from '../../errors/index.ts';
import {
  endModelCallSpan,
  failModelCallSpan,
  recordSkippedModel,
  startModelCallSpan,
} from '../../observability/tracing/model-call-span.ts';
import type { ModelRequest, ModelStreamPart } from '../providers/provider.ts';
import { ProviderFailure } from '../providers/provider-failure.ts';
import { retryDelay } from './backoff.ts';
import {
  type Attempt,
  abortableSleep,
  asFailure,
  type CallDependencies,
  type CallPolicy,
  combineSignals,
  failedAttempt,
  type ModelTarget,
  skippedAttempt,
} from './call-model.ts';

export interface StreamPolicy extends CallPolicy {
  /** Time allowed until the first part arrives; the total timeout still bounds the whole answer. */
  firstTokenTimeoutMs?: number;
}

/**
 * Stage 7 streaming: the same chain, retries and breakers as callModel, but a model may only be
 * replaced before its first part reached the caller. After that, a failure (a stream cut
 * mid-answer) is thrown to the caller as an error: never passed off as a complete answer.
 * `onFirstPart` tells the caller which model answered and when.
 */
export async function* streamModel(
  targets: ModelTarget[],
  request: Omit<ModelRequest, 'model' | 'signal'>,
  policy: StreamPolicy,
  dependencies: CallDependencies & { attempts: Attempt[]; onFirstPart(target: ModelTarget): void },
): AsyncGenerator<ModelStreamPart> {
  const sleep = dependencies.sleep ?? abortableSleep;
  let lastError: ProviderFailure | undefined;
  for (const [fallbackIndex, target] of targets.entries()) {
    if (!dependencies.breakers.allow(target.provider.name)) {
      dependencies.attempts.push(skippedAttempt(target));
      recordSkippedModel(dependencies.traceContext, target);
      continue;
    }
    for (let attempt = 0; attempt <= policy.retries; attempt++) {
      const started = performance.now();
      const span = startModelCallSpan(dependencies.traceContext, target, {
        attempt,
        fallbackIndex,
        parameters: request.parameters,
        responseFormat: request.responseFormat,
      });
      // Ended exactly once: by the finish, a failure, or the caller leaving mid-answer (finally).
      let spanOpen = true;
      const failSpan = (failure: { kind: string; status?: number }) => {
        if (spanOpen) failModelCallSpan(span, failure);
        spanOpen = false;
      };
      const signal = combineSignals(dependencies.signal, AbortSignal.timeout(policy.timeoutMs));
      const iterator = target.provider
        .stream({ ...request, model: target.model, signal })
        [Symbol.asyncIterator]();
      let first: IteratorResult<ModelStreamPart>;
      try {
        first = await withFirstPartTimeout(
          iterator.next(),
          policy.firstTokenTimeoutMs ?? policy.timeoutMs,
          target,
        );
      } catch (error) {
        void iterator.return?.();
        if (dependencies.signal?.aborted) {
          // The caller left: nobody to fall back for, and the provider is not to blame.
          failSpan({ kind: 'cancelled' });
          dependencies.breakers.release(target.provider.name);
          throw new PromptopsError('provider_error', 'the call was cancelled by the caller', {
            cancelled: true,
          });
        }
        const failure = asFailure(error, target, policy.timeoutMs, dependencies.signal);
        failSpan(failure.failure);
        dependencies.breakers.record(target.provider.name, false);
        dependencies.attempts.push(failedAttempt(target, attempt, failure, started));
        lastError = failure;
        if (dependencies.signal?.aborted || !failure.retryable || attempt === policy.retries) break;
        const delay = retryDelay(attempt, failure.failure.retryAfterMs, policy.backoff);
        if (delay === null) break;
        await sleep(delay, dependencies.signal).catch(() => {});
        continue;
      }
      dependencies.onFirstPart(target);
      try {
        if (!first.done) yield first.value;
        let finish = !first.done && first.value.type === 'finish' ? first.value : undefined;
        for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
          if (next.value.type === 'finish') finish = next.value;
          yield next.value;
        }
        if (finish) endModelCallSpan(span, finish);
        else failSpan({ kind: 'stream-cut' });
        spanOpen = false;
        dependencies.breakers.record(target.provider.name, true);
        dependencies.attempts.push({
          model: target.id,
          attempt,
          outcome: 'ok',
          durationMs: performance.now() - started,
        });
        return;
      } catch (error) {
        if (dependencies.signal?.aborted) {
          // The caller left mid-answer: a cancellation, not the provider's timeout or failure.
          failSpan({ kind: 'cancelled' });
          dependencies.breakers.release(target.provider.name);
          throw new PromptopsError('provider_error', 'the call was cancelled by the caller', {
            cancelled: true,
          });
        }
        const failure = asFailure(error, target, policy.timeoutMs, dependencies.signal);
        failSpan(failure.failure);
        dependencies.breakers.record(target.provider.name, false);
        dependencies.attempts.push(failedAttempt(target, attempt, failure, started));
        throw failure;
      } finally {
        // The caller stopped reading (an output guard cut the answer, or it went away).
        failSpan({ kind: 'cancelled' });
      }
    }
  }
  throw (
    lastError ??
    new ProviderFailure('no model could be called (every circuit is open)', {
      provider: 'none',
      kind: 'connection',
    })
  );
}

async function withFirstPartTimeout<T>(
  promise: Promise<T>,
  timeoutMs: number,
  target: ModelTarget,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ProviderFailure(`${target.id} sent nothing within ${timeoutMs} ms`, {
            provider: target.provider.name,
            kind: 'timeout',
          }),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
