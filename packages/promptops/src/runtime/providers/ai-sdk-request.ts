import type { AiSdkMessage, AiSdkRequestOptions, AiSdkToolCallPart } from './ai-sdk-language-model.ts';
import type { ModelMessage, ModelRequest } from './provider.ts';

/** The AI SDK call options for a ModelRequest; settings the request leaves out are left out. */
export function toAiSdkOptions(request: ModelRequest): AiSdkRequestOptions {
  const options: AiSdkRequestOptions = { prompt: toAiSdkPrompt(request.messages) };
  const parameters = request.parameters;
  if (parameters?.maxTokens !== undefined) options.maxOutputTokens = parameters.maxTokens;
  if (parameters?.temperature !== undefined) options.temperature = parameters.temperature;
  if (parameters?.topP !== undefined) options.topP = parameters.topP;
  if (parameters?.stop && parameters.stop.length > 0) options.stopSequences = parameters.stop;
  if (parameters?.seed !== undefined) options.seed = parameters.seed;
  if (parameters?.presencePenalty !== undefined) options.presencePenalty = parameters.presencePenalty;
  if (parameters?.frequencyPenalty !== undefined) options.frequencyPenalty = parameters.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === 'json') options.responseFormat = { type: 'json' };
  if (format?.type === 'json_schema') {
    options.responseFormat = { type: 'json', schema: format.schema, name: format.name };
  }
  if (request.tools && request.tools.length > 0) {
    options.tools = request.tools.map((tool) => ({
      type: 'function',
      name: tool.name,
      description: tool.description,
      inputSchema: tool.parameters,
    }));
  }
  if (request.signal) options.abortSignal = request.signal;
  return options;
}

/**
 * The AI SDK prompt: content as parts, tool-call input as a value (ToolCall carries JSON text), and
 * tool results named by their tool, which ModelMessage leaves to the assistant turn that called it.
 */
export function toAiSdkPrompt(messages: ModelMessage[]): AiSdkMessage[] {
  const toolNames = new Map<string, string>();
  return messages.map((message): AiSdkMessage => {
    if (message.role === 'system') return { role: 'system', content: message.content };
    if (message.role === 'user') return { role: 'user', content: [{ type: 'text', text: message.content }] };
    if (message.role === 'tool') {
      const toolCallId = message.toolCallId ?? '';
      const output = { type: 'text' as const, value: message.content };
      return {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId, toolName: toolNames.get(toolCallId) ?? '', output }],
      };
    }
    const calls = (message.toolCalls ?? []).map((call): AiSdkToolCallPart => {
      toolNames.set(call.id, call.name);
      return {
        type: 'tool-call',
        toolCallId: call.id,
        toolName: call.name,
        input: parseInput(call.arguments),
      };
    });
    const text = message.content === '' ? [] : [{ type: 'text' as const, text: message.content }];
    return { role: 'assistant', content: [...text, ...calls] };
  });
}

/** Arguments that are not JSON could not have been run; the turn is replayed with an empty input. */
function parseInput(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
