import { z } from 'zod';
import { PromptopsError } from '../../errors/index.ts';
import type { ModelParams } from '../../runtime/models/index.ts';
import type { ModelMessage } from '../../runtime/providers/provider.ts';
import { type GatewayTarget, parseModelName } from './model-name.ts';

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const ContentPart = z.object({ type: z.string() }).loose();

const Message = z.object({
  role: z.string(),
  content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
  tool_calls: z.array(z.unknown()).optional(),
});

/**
 * `promptops`: the request field OpenAI's API does not have. The official clients send it as an
 * extra body field (JS: a property of the body, `// @ts-expect-error` in TypeScript; Python:
 * `extra_body={"promptops": {...}}`).
 */
const Extension = z
  .strictObject({
    variables: z.record(z.string(), z.unknown()).default({}),
    /** The variable the last user message fills; the prompt's first required string variable by default. */
    variable: z.string().min(1).max(100).optional(),
    complexity: z.enum(['low', 'medium', 'high']).optional(),
  })
  .default({ variables: {} });

/** The fields of OpenAI's chat-completions request the gateway reads; any other field is ignored. */
const Body = z.object({
  model: z.string().min(1).max(300),
  messages: z.array(Message).max(1000),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string().max(200).nullish(),
  safety_identifier: z.string().max(200).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  n: z.number().int().nullish(),
  tools: z.array(z.unknown()).nullish(),
  functions: z.array(z.unknown()).nullish(),
  logprobs: z.boolean().nullish(),
  modalities: z.array(z.string()).nullish(),
  promptops: Extension,
});

/** Sampling fields a governed prompt's version sets itself: ignored for `prompt:` models. */
const VERSION_SETS = [
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'presence_penalty',
  'frequency_penalty',
] as const;
/** Fields with an effect at OpenAI that the gateway does not implement for any model. */
const NOT_IMPLEMENTED = ['response_format', 'logit_bias', 'reasoning_effort', 'verbosity'] as const;

export interface ChatCompletionRequest {
  /** As the caller wrote it: echoed in every response. */
  model: string;
  target: GatewayTarget;
  /** Text turns; `developer` is read as `system`. */
  messages: ModelMessage[];
  stream: boolean;
  includeUsage: boolean;
  /** `user` (or `safety_identifier`): keeps the caller on one canary arm. */
  stickyKey?: string;
  /** Sampling for ad-hoc chats, as promptops.yaml writes it. */
  params: ModelParams;
  variables: Record<string, unknown>;
  variable?: string;
  complexity?: 'low' | 'medium' | 'high';
  /** Fields given that have no effect here (the `x-promptops-ignored-params` header). */
  ignored: string[];
}

/**
 * Reads an OpenAI chat-completions body. Refuses, naming the field, what the gateway cannot honour
 * rather than answering as if it had: several choices (`n`), tools and functions, log
 * probabilities, audio, non-text content, and tool turns.
 */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  const parsed = Body.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = fieldPath(issue.path);
    throw new PromptopsError('invalid_argument', `${parameter || 'body'}: ${issue.message}`, { parameter });
  }
  const request = parsed.data;
  const refuse = (parameter: string, why: string) =>
    new PromptopsError('invalid_argument', `${parameter}: ${why}`, { parameter });
  if (request.n != null && request.n !== 1) throw refuse('n', 'the gateway returns one choice; send n: 1');
  if (request.tools?.length || request.functions?.length) {
    throw refuse(
      request.tools?.length ? 'tools' : 'functions',
      'tool calling is not available through the gateway (a governed prompt declares its own tools)',
    );
  }
  if (request.logprobs) throw refuse('logprobs', 'log probabilities are not available through the gateway');
  if (request.modalities?.some((modality) => modality !== 'text'))
    throw refuse('modalities', 'the gateway answers with text only');
  const target = parseModelName(request.model);
  const messages = request.messages.map((message, index) => toModelMessage(message, index));
  const given = (field: string) => (request as Record<string, unknown>)[field] != null;
  const rawBody = body as Record<string, unknown>;
  const ignored = [
    ...(target.kind === 'prompt' ? VERSION_SETS.filter(given) : []),
    ...NOT_IMPLEMENTED.filter((field) => rawBody[field] != null),
  ];
  const stickyKey = request.user ?? request.safety_identifier ?? undefined;
  return {
    model: request.model,
    target,
    messages,
    stream: request.stream === true,
    includeUsage: request.stream_options?.include_usage === true,
    ...(stickyKey && { stickyKey }),
    params: chatParams(request),
    variables: request.promptops.variables,
    ...(request.promptops.variable !== undefined && { variable: request.promptops.variable }),
    ...(request.promptops.complexity !== undefined && { complexity: request.promptops.complexity }),
    ignored,
  };
}

function toModelMessage(message: z.infer<typeof Message>, index: number): ModelMessage {
  const where = `messages[${index}]`;
  const refuse = (parameter: string, why: string) =>
    new PromptopsError('invalid_argument', `${parameter}: ${why}`, { parameter });
  const role = message.role === 'developer' ? 'system' : message.role;
  if (role !== 'system' && role !== 'user' && role !== 'assistant') {
    throw refuse(
      `${where}.role`,
      `"${message.role}" turns are not available through the gateway: send system, developer, user and assistant turns`,
    );
  }
  if (message.tool_calls?.length) {
    throw refuse(`${where}.tool_calls`, 'tool calling is not available through the gateway');
  }
  const content = message.content ?? '';
  if (typeof content === 'string') return { role, content };
  const texts = content.map((part, partIndex) => {
    const text = TextPart.safeParse(part);
    if (!text.success) {
      throw refuse(`${where}.content[${partIndex}]`, `"${part.type}" parts are not supported: send text`);
    }
    return text.data.text;
  });
  return { role, content: texts.join('\n') };
}

function chatParams(request: z.infer<typeof Body>): ModelParams {
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  const stop = typeof request.stop === 'string' ? [request.stop] : request.stop;
  return {
    ...(request.temperature != null && { temperature: request.temperature }),
    ...(request.top_p != null && { top_p: request.top_p }),
    ...(maxTokens != null && { max_tokens: maxTokens }),
    ...(stop != null && { stop }),
    ...(request.seed != null && { seed: request.seed }),
    ...(request.presence_penalty != null && { presence_penalty: request.presence_penalty }),
    ...(request.frequency_penalty != null && { frequency_penalty: request.frequency_penalty }),
  };
}

/** `messages[2].content`, as OpenAI's `param` names fields. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}
