import type { ModelMessage, ModelRequest } from './provider.ts';

/**
 * The chat-completions request body for a ModelRequest: the subset of
 * https://platform.openai.com/docs/api-reference/chat/create that OpenAI-compatible servers (Azure,
 * vLLM, Ollama, llama.cpp, LM Studio, Groq, Together, Mistral, DeepSeek) accept alike. Parameters
 * the request leaves out are left out of the body, so each server applies its own defaults.
 */
export function toOpenAiChatBody(request: ModelRequest, stream: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    model: request.model,
    messages: request.messages.map(toOpenAiMessage),
  };
  const parameters = request.parameters;
  if (parameters) {
    setDefined(body, 'max_tokens', parameters.maxTokens);
    setDefined(body, 'temperature', parameters.temperature);
    setDefined(body, 'top_p', parameters.topP);
    if (parameters.stop && parameters.stop.length > 0) body.stop = parameters.stop;
    setDefined(body, 'seed', parameters.seed);
    setDefined(body, 'presence_penalty', parameters.presencePenalty);
    setDefined(body, 'frequency_penalty', parameters.frequencyPenalty);
  }
  const format = request.responseFormat;
  if (format?.type === 'json') body.response_format = { type: 'json_object' };
  if (format?.type === 'json_schema') {
    body.response_format = {
      type: 'json_schema',
      json_schema: { name: format.name, schema: format.schema, strict: true },
    };
  }
  if (request.tools && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: 'function',
      function: { name: tool.name, description: tool.description, parameters: tool.parameters },
    }));
  }
  if (stream) {
    body.stream = true;
    // Without it a stream carries no token counts at all.
    body.stream_options = { include_usage: true };
  }
  return body;
}

function toOpenAiMessage(message: ModelMessage): Record<string, unknown> {
  if (message.role === 'tool') {
    return { role: 'tool', tool_call_id: message.toolCallId ?? '', content: message.content };
  }
  if (message.role === 'assistant' && message.toolCalls && message.toolCalls.length > 0) {
    return {
      role: 'assistant',
      // OpenAI wants null, not '', for an assistant turn that only calls tools.
      content: message.content === '' ? null : message.content,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  }
  return { role: message.role, content: message.content };
}

function setDefined(body: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) body[key] = value;
}
