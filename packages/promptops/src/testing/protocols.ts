import { prepareAnthropicMessagesReply } from './anthropic-messages-reply.ts';
import { parseAnthropicMessagesRequest } from './anthropic-messages-request.ts';
import { bearerToken } from './message-text.ts';
import { prepareOpenaiChatReply } from './openai-chat-reply.ts';
import { parseOpenaiChatRequest } from './openai-chat-request.ts';
import type { ProtocolAdapter } from './protocol-adapter.ts';
import { anthropicErrorBody, openaiErrorBody } from './provider-errors.ts';
import type { ScriptedProtocol } from './script-types.ts';

export const PROTOCOLS: Record<ScriptedProtocol, ProtocolAdapter> = {
  openai: {
    protocol: 'openai',
    parseRequest: parseOpenaiChatRequest,
    prepareReply: prepareOpenaiChatReply,
    errorBody: openaiErrorBody,
    // Azure-style clients send `api-key`; every OpenAI client sends `Authorization: Bearer`.
    hasApiKey: (headers, key) => bearerToken(headers.authorization) === key || headers['api-key'] === key,
    idPrefix: 'chatcmpl-scripted-',
    requestIdHeader: 'x-request-id',
  },
  anthropic: {
    protocol: 'anthropic',
    parseRequest: parseAnthropicMessagesRequest,
    prepareReply: prepareAnthropicMessagesReply,
    errorBody: anthropicErrorBody,
    hasApiKey: (headers, key) => headers['x-api-key'] === key || bearerToken(headers.authorization) === key,
    idPrefix: 'msg_scripted_',
    requestIdHeader: 'request-id',
  },
};
