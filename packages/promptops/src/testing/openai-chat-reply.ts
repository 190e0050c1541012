import { type ModelAnswer, splitIntoPieces } from './model-answer.ts';
import type { PreparedReply, ReplyContext, StreamEvent } from './protocol-adapter.ts';
import type { ScriptedFinish } from './script-types.ts';

const FINISH_REASONS: Record<ScriptedFinish, string> = {
  stop: 'stop',
  length: 'length',
  'tool-calls': 'tool_calls',
  'content-filter': 'content_filter',
};

function chunkTail(delta: unknown, finishReason: string | null): string {
  return `,"choices":[{"index":0,"delta":${JSON.stringify(delta)},"logprobs":null,"finish_reason":${JSON.stringify(finishReason)}}]`;
}

function wantsUsage(context: ReplyContext): boolean {
  const options = context.request.body.stream_options as { include_usage?: unknown } | undefined;
  return options?.include_usage === true;
}

/**
 * A chat-completions reply, serialised once: the body and each stream chunk are a per-request head
 * (id, created, model) plus a prepared tail.
 */
export function prepareOpenaiChatReply(answer: ModelAnswer): PreparedReply {
  const toolCalls = answer.toolCalls.map((call, index) => ({
    id: call.id ?? `call_scripted_${index}`,
    type: 'function',
    function: { name: call.name, arguments: call.arguments },
  }));
  const finishReason = FINISH_REASONS[answer.finish];
  const message = {
    role: 'assistant',
    content: answer.text === '' && toolCalls.length > 0 ? null : answer.text,
    ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
    refusal: null,
  };
  const choicesJson = JSON.stringify([{ index: 0, message, logprobs: null, finish_reason: finishReason }]);

  const tails: { tail: string; content: boolean }[] = [
    { tail: chunkTail({ role: 'assistant', content: '', refusal: null }, null), content: false },
  ];
  for (const chunk of answer.chunks) tails.push({ tail: chunkTail({ content: chunk }, null), content: true });
  toolCalls.forEach((call, index) => {
    const opening = {
      index,
      id: call.id,
      type: 'function',
      function: { name: call.function.name, arguments: '' },
    };
    tails.push({ tail: chunkTail({ tool_calls: [opening] }, null), content: true });
    for (const piece of splitIntoPieces(call.function.arguments)) {
      tails.push({
        tail: chunkTail({ tool_calls: [{ index, function: { arguments: piece } }] }, null),
        content: true,
      });
    }
  });
  tails.push({ tail: chunkTail({}, finishReason), content: false });

  const usageJson = (context: ReplyContext) => {
    const total = context.inputTokens + answer.outputTokens;
    return `{"prompt_tokens":${context.inputTokens},"completion_tokens":${answer.outputTokens},"total_tokens":${total}}`;
  };

  return {
    body: (context) =>
      `{"id":"${context.id}","object":"chat.completion","created":${context.created},"model":${context.modelJson},"choices":${choicesJson},"usage":${usageJson(context)},"system_fingerprint":null}`,
    events(context) {
      const head = `{"id":"${context.id}","object":"chat.completion.chunk","created":${context.created},"model":${context.modelJson},"system_fingerprint":null`;
      const includeUsage = wantsUsage(context);
      const end = includeUsage ? ',"usage":null}' : '}';
      const events: StreamEvent[] = tails.map(({ tail, content }) => ({ data: head + tail + end, content }));
      if (includeUsage)
        events.push({ data: `${head},"choices":[],"usage":${usageJson(context)}}`, content: false });
      events.push({ data: '[DONE]', content: false });
      return events;
    },
  };
}
