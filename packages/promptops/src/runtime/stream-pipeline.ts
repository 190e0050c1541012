import { PromptopsError } from '../errors/index.ts';
import type { Attempt } from './call/call-model.ts';
import { streamModel } from './call/stream-model.ts';
import { costOf, usageOrEstimate } from './models/index.ts';
import { checkOutput } from './output/check-output.ts';
import { usd } from './pipeline.ts';
import type { RunSource } from './prepare-call.ts';
import { PROMPT_SOURCE } from './prepare-run.ts';
import type { ModelUsage } from './providers/provider.ts';
import type { Arm } from './resolve/prompt-resolver.ts';
import { failRun, finishRun, startRun } from './run-lifecycle.ts';
import type { RunOptions } from './run-options.ts';
import type { RunResult } from './run-result.ts';
import type { GuardOutcome, RuntimeParts } from './runtime-parts.ts';

/** Characters held back from the caller until the output guards have seen what follows them. */
const STREAM_GUARD_WINDOW = 64;

export interface RunStream {
  /** The answer's text as it arrives. Throws if the stream breaks after it started. */
  textStream: AsyncIterable<string>;
  /** The final result: it settles once `textStream` has been read to its end (or failed). */
  result: Promise<RunResult>;
  /** The run's id, known before anything runs. */
  runId: string;
  /**
   * Settles once stages 1–6 are done and the model is about to be called (`calling: true`), or the
   * run ended before any call: what a server needs to send its headers before the first token.
   * Like the rest of the run, it only progresses while `textStream` is being read.
   */
  started: Promise<RunStart>;
}

export interface RunStart {
  version: number | null;
  arm: Arm | null;
  calling: boolean;
}

/**
 * The pipeline with a streamed answer. Stages 1–6 as in run; then text is passed on as it comes.
 * Output validation runs when the answer is complete; it cannot retry (the caller already saw the
 * text), so an invalid streamed answer ends as `failed` with the reason, never as `ok`.
 */
export function streamPipeline(
  parts: RuntimeParts,
  name: string,
  variables: Record<string, unknown>,
  options: RunOptions = {},
  source: RunSource = PROMPT_SOURCE,
): RunStream {
  const state = startRun(name, variables, options, source.kind);
  const { result } = state;
  let settle!: (value: RunResult) => void;
  const resultPromise = new Promise<RunResult>((resolve) => {
    settle = resolve;
  });
  let start!: (value: RunStart) => void;
  const started = new Promise<RunStart>((resolve) => {
    start = resolve;
  });
  const startWith = (calling: boolean) => start({ version: result.version, arm: result.arm, calling });

  async function* text(): AsyncGenerator<string> {
    let settled = false;
    const done = (value: RunResult) => {
      settled = true;
      startWith(false); // no-op once the model call has started
      settle(value);
    };
    try {
      const prepared = await source.prepare(parts, state);
      if (!prepared.ready) {
        done(
          finishRun(
            parts,
            state,
            prepared.verdict.action === 'block' ? 'blocked' : 'escalated',
            prepared.verdict.reason,
          ),
        );
        return;
      }
      const attempts: Attempt[] = [];
      result.attempts = attempts;
      startWith(true);
      let usage: ModelUsage | null = null;
      let output = '';
      let released = 0;
      // Output guards run on the text so far at every part; the last WINDOW characters are held back
      // until the next check, so a banned term or a leak split across parts is cut before it is sent.
      const guardStop = async (): Promise<GuardOutcome | undefined> => {
        for (const guard of parts.outputGuards) {
          const outcome = await guard({
            prompt: name,
            content: prepared.content,
            variables: prepared.variables,
            output,
          });
          // A redaction cannot reach text already sent, so a streamed answer needing one is stopped.
          if (outcome && outcome.action !== 'allow') return outcome;
        }
        return undefined;
      };
      for await (const part of streamModel(
        prepared.targets,
        { messages: prepared.messages, parameters: prepared.plan.parameters },
        prepared.plan.policy,
        {
          breakers: parts.breakers,
          signal: options.signal,
          traceContext: state.trace.context,
          attempts,
          onFirstPart: (target) => {
            result.model = target.id;
            result.timeToFirstTokenMs = performance.now() - state.started;
          },
        },
      )) {
        if (part.type === 'text-delta') {
          output += part.text;
          const stop = await guardStop();
          if (stop) {
            const { variables: _variables, output: _output, ...verdict } = stop;
            result.verdicts.push(verdict);
            result.output = '';
            const status = verdict.action === 'escalate' ? 'escalated' : 'blocked';
            done(finishRun(parts, state, status, verdict.reason));
            throw new PromptopsError(
              'guard_blocked',
              `the answer was stopped by ${verdict.guard}: ${verdict.reason ?? verdict.action}`,
              {},
            );
          }
          const window = prepared.content.guards?.policy ? STREAM_GUARD_WINDOW : 0;
          const safe = Math.max(released, output.length - window);
          if (safe > released) {
            yield output.slice(released, safe);
            released = safe;
          }
        } else if (part.type === 'finish') {
          usage = part.usage;
          result.finishReason = part.finishReason;
        }
      }
      if (output.length > released) yield output.slice(released);
      result.output = output;
      const measured = usageOrEstimate(usage, prepared.messages, { text: output });
      result.usage = measured;
      result.cost = result.model ? costOf(result.model, measured, parts.models) : null;
      parts.budget.record({ prompt: name, owner: prepared.content.owner, cost: usd(result.cost) });
      const check = checkOutput(output, prepared.content.output);
      if (!check.valid) {
        done(
          failRun(
            parts,
            state,
            new PromptopsError(
              'output_invalid',
              `the streamed answer failed validation: ${check.problem}`,
              {},
            ),
          ),
        );
        return;
      }
      if (check.parsed !== undefined) result.parsed = check.parsed;
      if (check.decision) result.decision = check.decision;
      if (check.confidence !== undefined) result.confidence = check.confidence;
      done(finishRun(parts, state, check.status, check.status === 'uncertain' ? check.reason : undefined));
    } catch (error) {
      if (!settled) done(failRun(parts, state, error));
      throw error;
    } finally {
      if (!settled)
        done(
          failRun(
            parts,
            state,
            new PromptopsError('provider_error', 'the caller stopped reading the stream', {}),
          ),
        );
    }
  }

  const iterable = text();
  return { textStream: iterable, result: resultPromise, runId: result.runId, started };
}
