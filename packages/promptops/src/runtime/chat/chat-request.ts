import type { ModelParams } from '../models/index.ts';
import type { ModelMessage } from '../providers/provider.ts';

/**
 * An ad-hoc chat: messages passed through to a model the project's configuration names, with no
 * catalog prompt around them (the OpenAI gateway's `model: "openai/gpt-4o-mini"` or a route name).
 * promptops.yaml `gateway:` says what the chat is treated as; guards, budgets and the run record apply.
 */
export interface ChatRequest {
  /** A route from promptops.yaml `routes`, or `provider/model` with a configured provider. */
  model: string;
  /** System, user and assistant turns, in order; the last is usually the user's. */
  messages: ModelMessage[];
  /** Sampling parameters as promptops.yaml writes them (`max_tokens`, `temperature`, …). */
  params?: ModelParams;
}

/** The folder ad-hoc chats are run, recorded, budgeted and authorised under. */
export const CHAT_FOLDER = 'gateway';

/**
 * The run name of an ad-hoc chat: `gateway/openai/gpt-4o-mini`, `gateway/generation`. A caller
 * needs `prompt-run` on it (a grant on `gateway/`); a `folder: gateway` budget covers every chat.
 */
export function chatRunName(model: string): string {
  return `${CHAT_FOLDER}/${model}`;
}
