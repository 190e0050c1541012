import type { FastifyInstance } from 'fastify';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { chatRunName } from '../../runtime/chat/chat-request.ts';
import type { Runtime } from '../../runtime/create-runtime.ts';
import type { RunOptions } from '../../runtime/run-options.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import type { RunStream } from '../../runtime/stream-pipeline.ts';
import { clientAbortSignal } from '../client-abort-signal.ts';
import { runtimeOf } from '../routes/run-routes.ts';
import type { ServerDeps } from '../server-deps.ts';
import { type ChatCompletionRequest, parseChatCompletionRequest } from './chat-completion-request.ts';
import type { GatewayOptions } from './gateway-options.ts';
import { HIDDEN } from './hidden.ts';
import { chatCompletion, unixSeconds } from './openai-shapes.ts';
import { promptTurns } from './prompt-turns.ts';
import { overheadMs, runHeaders, unansweredError } from './run-response.ts';
import { streamCompletion } from './stream-completion.ts';

/**
 * `POST /v1/chat/completions`: OpenAI's chat completions over the runtime. `model: "prompt:NAME"`
 * (`@ENV`, `#VERSION`) runs a governed prompt, with the conversation mapped by promptTurns; any other
 * model is an ad-hoc chat (runtime.chat). Answers and chunks are OpenAI's, errors are OpenAI's
 * error shape with the error table's status. How run statuses map (docs/server.md):
 * - ok, uncertain, escalated by confidence: the answer, its status in `x-promptops-status`;
 * - blocked by an input guard: a `guard_blocked` error (422);
 * - held back by an output guard, or escalated by any guard: an empty answer, `content_filter`;
 * - failed: an error with the failure's code and status.
 */
export function chatCompletionsRoute(app: FastifyInstance, deps: ServerDeps, options: GatewayOptions): void {
  app.post('/chat/completions', { schema: HIDDEN }, async (request, reply) => {
    const parsed = parseChatCompletionRequest(request.body);
    const runtime = runtimeOf(deps);
    const runName = parsed.target.kind === 'prompt' ? parsed.target.name : chatRunName(parsed.target.model);
    authorize(request.principal, 'prompt-run', runName);
    const runOptions: RunOptions = {
      ...(parsed.stickyKey !== undefined && { stickyKey: parsed.stickyKey }),
      ...(parsed.complexity !== undefined && { complexity: parsed.complexity }),
      requestId: String(request.id),
      signal: clientAbortSignal(reply),
    };
    if (parsed.ignored.length > 0) reply.header('x-promptops-ignored-params', parsed.ignored.join(', '));
    const created = unixSeconds();
    if (!parsed.stream) {
      const result = await start(runtime, parsed, runOptions, 'run');
      runHeaders(reply, result, overheadMs(reply.elapsedTime, result));
      const unanswered = unansweredError(result);
      if (unanswered) throw unanswered;
      return chatCompletion(parsed.model, result, created);
    }
    return streamCompletion(reply, parsed, start(runtime, parsed, runOptions, 'stream'), {
      created,
      keepAliveMs: options.keepAliveMs,
    });
  });
}

function start(
  runtime: Runtime,
  parsed: ChatCompletionRequest,
  runOptions: RunOptions,
  mode: 'run',
): Promise<RunResult>;
function start(
  runtime: Runtime,
  parsed: ChatCompletionRequest,
  runOptions: RunOptions,
  mode: 'stream',
): RunStream;
function start(
  runtime: Runtime,
  parsed: ChatCompletionRequest,
  runOptions: RunOptions,
  mode: 'run' | 'stream',
): Promise<RunResult> | RunStream {
  const { target } = parsed;
  if (target.kind === 'chat') {
    if (Object.keys(parsed.variables).length > 0) {
      throw new PromptopsError('invalid_argument', 'promptops.variables: ad-hoc chats take no variables', {
        parameter: 'promptops.variables',
      });
    }
    if (parsed.messages.length === 0) {
      throw new PromptopsError('invalid_argument', 'messages: send at least one turn', {
        parameter: 'messages',
      });
    }
    const chat = { model: target.model, messages: parsed.messages, params: parsed.params };
    return mode === 'run' ? runtime.chat(chat, runOptions) : runtime.streamChat(chat, runOptions);
  }
  const turns = promptTurns(target.name, parsed.messages);
  const promptOptions: RunOptions = {
    ...runOptions,
    ...(target.environment !== undefined && { environment: target.environment }),
    ...(target.version !== undefined && { version: target.version }),
    ...(turns.history.length > 0 && { history: turns.history }),
    ...(turns.message !== undefined && {
      message: { text: turns.message, ...(parsed.variable !== undefined && { variable: parsed.variable }) },
    }),
  };
  return mode === 'run'
    ? runtime.run(target.name, parsed.variables, promptOptions)
    : runtime.stream(target.name, parsed.variables, promptOptions);
}
