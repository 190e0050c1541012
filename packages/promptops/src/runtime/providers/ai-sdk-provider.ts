import { aiSdkFailure } from './ai-sdk-failure.ts';
import type { AiSdkLanguageModel, AiSdkStreamPart } from './ai-sdk-language-model.ts';
import { toAiSdkOptions } from './ai-sdk-request.ts';
import { aiSdkFinishReason, aiSdkUsage, fromAiSdkResult, toolCallOf } from './ai-sdk-result.ts';
import { type CallIdentity, callFailure } from './call-failure.ts';
import type { ModelProvider, ModelRequest, ModelStreamPart } from './provider.ts';

export interface AiSdkProviderOptions {
  /** The provider's name in promptops.yaml: used in every failure message. */
  name: string;
  /**
   * The language model for a model id, from an AI SDK provider package: `(id) => mistral(id)`.
   * Called for every request, so a factory that reads its key from the environment reads it then.
   */
  model: (modelId: string) => AiSdkLanguageModel;
}

/**
 * A provider over any Vercel AI SDK provider package (v2 specification or later) through its
 * LanguageModel `doGenerate` / `doStream`. The package is injected, not imported: promptops does
 * not depend on the AI SDK.
 *
 * @example
 * import { mistral } from '@ai-sdk/mistral';
 * const provider = createAiSdkProvider({ name: 'mistral', model: (id) => mistral(id) });
 */
export function createAiSdkProvider(options: AiSdkProviderOptions): ModelProvider {
  function prepare(request: ModelRequest) {
    const call: CallIdentity = { provider: options.name, model: request.model };
    try {
      return { call, model: options.model(request.model) };
    } catch (error) {
      throw aiSdkFailure(call, error, request.signal, 'request');
    }
  }

  return {
    name: options.name,
    protocol: 'ai-sdk',

    async generate(request) {
      const { call, model } = prepare(request);
      try {
        return fromAiSdkResult(await model.doGenerate(toAiSdkOptions(request)), request.model);
      } catch (error) {
        throw aiSdkFailure(call, error, request.signal, 'request');
      }
    },

    async *stream(request) {
      const { call, model } = prepare(request);
      let reader: ReadableStreamDefaultReader<AiSdkStreamPart>;
      try {
        reader = (await model.doStream(toAiSdkOptions(request))).stream.getReader();
      } catch (error) {
        throw aiSdkFailure(call, error, request.signal, 'request');
      }
      let done = false;
      try {
        let modelName = request.model;
        let responseId: string | undefined;
        while (true) {
          let next: Awaited<ReturnType<typeof reader.read>>;
          try {
            next = await reader.read();
          } catch (error) {
            throw aiSdkFailure(call, error, request.signal, 'stream');
          }
          if (next.done) break;
          const part = next.value;
          if (part.type === 'error') throw aiSdkFailure(call, part.error, request.signal, 'stream');
          if (part.type === 'response-metadata') {
            if (part.modelId) modelName = part.modelId;
            if (part.id) responseId = part.id;
          }
          const translated = translate(part, modelName, responseId);
          if (translated) yield translated;
          if (part.type === 'finish') {
            done = true;
            return;
          }
        }
        throw callFailure(call, 'stream-cut', 'the stream ended without a finish part');
      } finally {
        // Stopped early, failed or finished: release the provider's stream either way.
        if (!done) await reader.cancel().catch(() => {});
        reader.releaseLock();
      }
    },
  };
}

function translate(
  part: AiSdkStreamPart,
  model: string,
  responseId: string | undefined,
): ModelStreamPart | undefined {
  if (part.type === 'text-delta') return part.delta ? { type: 'text-delta', text: part.delta } : undefined;
  if (part.type === 'tool-call') {
    const call = toolCallOf(part);
    return call ? { type: 'tool-call', call } : undefined;
  }
  if (part.type === 'finish') {
    const finishReason = aiSdkFinishReason(part.finishReason);
    return {
      type: 'finish',
      finishReason,
      usage: aiSdkUsage(part.usage),
      model,
      ...(responseId ? { responseId } : {}),
    };
  }
  return undefined;
}
