import type { ScriptedReplyParts, ScriptedRequest, ScriptRule } from '../../testing/index.ts';
import type {
  AiSdkCallOptions,
  AiSdkLanguageModel,
  AiSdkRequestOptions,
  AiSdkStreamPart,
} from './ai-sdk-language-model.ts';

export interface ScriptedLanguageModelOptions {
  rules: ScriptRule[];
  /** The key this model was built with, and the one it requires (a 401 APICallError otherwise). */
  apiKey?: string;
  requireApiKey?: string;
  /** Every call fails as fetch does when nothing listens (an APICallError without a status). */
  unreachable?: boolean;
}

/** Uses per rule, across model instances: a factory builds one per call, as a package's `mistral(id)` does. */
const used = new WeakMap<ScriptRule, number>();

/**
 * A fake AI SDK language model (specification v3 shapes) that answers from the scripted model
 * server's rules and faults, so the ai-sdk adapter runs the same contract suite as the HTTP ones.
 * Rules may match with `when`, `system` and `lastUserMessage` (substring); faults honoured: status
 * (thrown as an `AI_APICallError`), hang, malformedJson, cutStream.
 */
export function scriptedLanguageModel(
  modelId: string,
  options: ScriptedLanguageModelOptions,
): AiSdkLanguageModel {
  let counter = 0;

  async function answer(callOptions: AiSdkCallOptions, stream: boolean) {
    const request = toScriptedRequest(modelId, callOptions as AiSdkRequestOptions, stream);
    if (options.unreachable) {
      const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
      throw apiCallError('Cannot connect to API: connect ECONNREFUSED 127.0.0.1:9', undefined, {}, cause);
    }
    if (options.requireApiKey !== undefined && options.apiKey !== options.requireApiKey) {
      throw apiCallError('Incorrect API key provided', 401, {});
    }
    const rule = options.rules.find(
      (candidate) =>
        matches(candidate, request) && (used.get(candidate) ?? 0) < (candidate.times ?? Infinity),
    );
    if (!rule) throw apiCallError('no rule matched', 404, {});
    used.set(rule, (used.get(rule) ?? 0) + 1);
    const faults = rule.faults ?? {};
    if (faults.hang) await abortOf(callOptions.abortSignal);
    if (faults.status !== undefined) {
      const seconds = faults.retryAfterSeconds ?? (faults.status === 429 ? 1 : undefined);
      const headers: Record<string, string> = seconds === undefined ? {} : { 'retry-after': String(seconds) };
      throw apiCallError(`HTTP ${faults.status} (scripted fault)`, faults.status, headers);
    }
    const reply = typeof rule.reply === 'function' ? rule.reply(request) : rule.reply;
    const parts: ScriptedReplyParts =
      typeof reply === 'string' ? { text: reply } : (reply as ScriptedReplyParts);
    counter += 1;
    return { parts, faults, id: `scripted_${counter}` };
  }

  return {
    specificationVersion: 'v3',
    provider: 'scripted',
    modelId,
    async doGenerate(callOptions) {
      const { parts, faults, id } = await answer(callOptions, false);
      if (faults.malformedJson)
        throw Object.assign(new Error('JSON parsing failed'), { name: 'AI_JSONParseError' });
      const text = textOf(parts);
      const content = [
        ...(text ? [{ type: 'text', text }] : []),
        ...toolCallsOf(parts).map((call) => ({ type: 'tool-call', ...call })),
      ];
      return { content, finishReason: finishOf(parts), usage: usageOf(parts), response: { id, modelId } };
    },
    async doStream(callOptions) {
      const { parts, faults, id } = await answer(callOptions, true);
      const chunks: AiSdkStreamPart[] = (textOf(parts).match(/\s*\S+/g) ?? []).map((delta) => ({
        type: 'text-delta',
        id: 'text-0',
        delta,
      }));
      const calls = toolCallsOf(parts).map((call) => ({ type: 'tool-call', ...call }));
      const closing = { type: 'finish', finishReason: finishOf(parts), usage: usageOf(parts) };
      const cutAt = faults.cutStream
        ? faults.cutStream === true
          ? Math.floor(chunks.length / 2)
          : faults.cutStream.afterChunks
        : undefined;
      const events: AiSdkStreamPart[] = [
        { type: 'response-metadata', id, modelId },
        ...chunks,
        ...calls,
        closing,
      ];
      return {
        stream: new ReadableStream<AiSdkStreamPart>({
          start() {
            const bad = {
              type: 'error',
              error: Object.assign(new Error('bad chunk'), { name: 'AI_JSONParseError' }),
            };
            if (faults.malformedJson) events.splice(1, 0, bad);
            if (cutAt !== undefined) events.splice(1 + cutAt);
          },
          // One part per pull: erroring the stream discards what is still queued.
          pull(controller) {
            const next = events.shift();
            if (next) controller.enqueue(next);
            // As fetch's body does when the socket goes: the stream errors after what was sent.
            else if (cutAt !== undefined) controller.error(new TypeError('terminated'));
            else controller.close();
          },
        }),
      };
    },
  };
}

function toScriptedRequest(model: string, options: AiSdkRequestOptions, stream: boolean): ScriptedRequest {
  const system: string[] = [];
  const messages: { role: string; content: string }[] = [];
  for (const message of options.prompt) {
    if (message.role === 'system') system.push(message.content);
    else {
      const texts = message.content.map((part) =>
        part.type === 'text' ? part.text : part.type === 'tool-result' ? part.output.value : '',
      );
      messages.push({ role: message.role, content: texts.join('\n') });
    }
  }
  const lastUser = messages.findLast((message) => message.role === 'user');
  return {
    protocol: 'openai',
    model,
    stream,
    system: system.join('\n\n'),
    messages,
    lastUserMessage: lastUser?.content ?? '',
    tools: (options.tools ?? []).map((tool) => tool.name),
    body: options as unknown as Record<string, unknown>,
  };
}

function matches(rule: ScriptRule, request: ScriptedRequest): boolean {
  const match = rule.match ?? {};
  if (typeof match.system === 'string' && !request.system.includes(match.system)) return false;
  if (typeof match.lastUserMessage === 'string' && !request.lastUserMessage.includes(match.lastUserMessage)) {
    return false;
  }
  return match.when ? match.when(request) : true;
}

const textOf = (parts: ScriptedReplyParts) =>
  parts.json !== undefined ? JSON.stringify(parts.json) : (parts.text ?? '');

function toolCallsOf(parts: ScriptedReplyParts) {
  return (parts.toolCalls ?? []).map((call, index) => ({
    toolCallId: call.id ?? `call_scripted_${index}`,
    toolName: call.name,
    input: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
  }));
}

function finishOf(parts: ScriptedReplyParts) {
  const unified = parts.finish ?? ((parts.toolCalls ?? []).length > 0 ? 'tool-calls' : 'stop');
  return { unified, raw: unified };
}

function usageOf(parts: ScriptedReplyParts) {
  const input = parts.usage?.inputTokens ?? 10;
  const output = parts.usage?.outputTokens ?? 10;
  return {
    inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: output, text: output, reasoning: undefined },
  };
}

function apiCallError(
  message: string,
  statusCode: number | undefined,
  responseHeaders: Record<string, string>,
  cause?: unknown,
) {
  const error = new Error(message, cause === undefined ? undefined : { cause });
  return Object.assign(error, { name: 'AI_APICallError', statusCode, responseHeaders, isRetryable: true });
}

/** What fetch does on abort: reject with the signal's reason. */
function abortOf(signal: AbortSignal | undefined): Promise<never> {
  return new Promise((_resolve, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}
