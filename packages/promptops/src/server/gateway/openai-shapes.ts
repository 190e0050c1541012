import type { FinishReason } from '../../runtime/providers/provider.ts';
import type { RunResult, RunUsage } from '../../runtime/run-result.ts';

/**
 * OpenAI's chat-completion bodies, field for field as the API sends them, plus one `promptops`
 * object that says what the run was (clients ignore fields they do not know).
 */

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
}

/** The run as the gateway's `promptops` field states it. */
export interface RunSummary {
  run_id: string;
  status: RunResult['status'];
  version: number | null;
  arm: RunResult['arm'];
  /** `provider/model` that answered. */
  model: string | null;
  reason?: string;
}

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: 0;
    message: { role: 'assistant'; content: string; refusal: null; annotations: [] };
    logprobs: null;
    finish_reason: OpenAIFinishReason;
  }[];
  usage: OpenAIUsage;
  system_fingerprint: null;
  promptops: RunSummary;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint: null;
  choices: {
    index: 0;
    delta: { role?: 'assistant'; content?: string; refusal?: null };
    logprobs: null;
    finish_reason: OpenAIFinishReason | null;
  }[];
  usage?: OpenAIUsage | null;
  promptops?: RunSummary;
}

/** A guard held the answer back (blocked or escalated it): the text is not the caller's to see. */
export function guardWithheld(result: RunResult): boolean {
  return result.verdicts.some((verdict) => verdict.action === 'block' || verdict.action === 'escalate');
}

export function finishReasonOf(result: RunResult): OpenAIFinishReason {
  if (guardWithheld(result)) return 'content_filter';
  return FINISH_REASONS[result.finishReason ?? 'stop'];
}

const FINISH_REASONS: Record<FinishReason, OpenAIFinishReason> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
  other: 'stop',
};

export function usageOf(usage: RunUsage | null): OpenAIUsage {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  return {
    prompt_tokens: input,
    completion_tokens: output,
    total_tokens: input + output,
    ...(usage?.cachedInputTokens !== undefined && {
      prompt_tokens_details: { cached_tokens: usage.cachedInputTokens },
    }),
  };
}

export function runSummary(result: RunResult): RunSummary {
  return {
    run_id: result.runId,
    status: result.status,
    version: result.version,
    arm: result.arm,
    model: result.model,
    ...(result.reason !== undefined && result.status !== 'ok' && { reason: result.reason }),
  };
}

/** `chatcmpl-<run id>`: the completion's id names the run record it came from. */
export const completionId = (runId: string) => `chatcmpl-${runId}`;

export const unixSeconds = (date: Date = new Date()) => Math.floor(date.getTime() / 1000);

export function chatCompletion(model: string, result: RunResult, created: number): ChatCompletion {
  return {
    id: completionId(result.runId),
    object: 'chat.completion',
    created,
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: result.output, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: finishReasonOf(result),
      },
    ],
    usage: usageOf(result.usage),
    system_fingerprint: null,
    promptops: runSummary(result),
  };
}

/** Chunks of one streamed completion: they share its id, creation time and model. */
export function chunkMaker(model: string, runId: string, created: number, includeUsage: boolean) {
  const base = () => ({
    id: completionId(runId),
    object: 'chat.completion.chunk' as const,
    created,
    model,
    system_fingerprint: null,
    // With include_usage, OpenAI sends `usage: null` on every chunk but the last.
    ...(includeUsage && { usage: null }),
  });
  return {
    role: (): ChatCompletionChunk => ({
      ...base(),
      choices: [
        {
          index: 0,
          delta: { role: 'assistant', content: '', refusal: null },
          logprobs: null,
          finish_reason: null,
        },
      ],
    }),
    text: (content: string): ChatCompletionChunk => ({
      ...base(),
      choices: [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }],
    }),
    finish: (result: RunResult): ChatCompletionChunk => ({
      ...base(),
      choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReasonOf(result) }],
      promptops: runSummary(result),
    }),
    /** The last chunk when the caller asked for `stream_options.include_usage`: no choices. */
    usage: (result: RunResult): ChatCompletionChunk => ({
      ...base(),
      choices: [],
      usage: usageOf(result.usage),
    }),
  };
}
