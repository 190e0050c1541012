import { type CompiledRule, pickRule } from './compile-script.ts';
import { estimateInputTokens, type ModelAnswer, toModelAnswer, WRONG_SCHEMA_VALUE } from './model-answer.ts';
import type { PreparedReply, ProtocolAdapter, ReplyContext } from './protocol-adapter.ts';
import { faultMessage } from './provider-errors.ts';
import type { RecordedRequest, ReplyFunction, ScriptedFaults, ScriptedRequest } from './script-types.ts';
import { type Exchange, hang, pause, sendBody, sendJson, sendStream } from './send-reply.ts';

/** The script as the server holds it between requests. */
export interface ScriptState {
  rules: CompiledRule[];
  defaultRule: CompiledRule | undefined;
  faults: ScriptedFaults;
  nextId: () => number;
}

function noRuleMessage(request: ScriptedRequest): string {
  const excerpt = request.lastUserMessage.slice(0, 120);
  return `scripted model server: no rule matched this request (${request.protocol}, model ${JSON.stringify(request.model)}, last user message ${JSON.stringify(excerpt)}); add a rule or a defaultReply`;
}

function answerFor(rule: CompiledRule, request: ScriptedRequest, faults: ScriptedFaults): ModelAnswer {
  if (faults.wrongSchema !== undefined && faults.wrongSchema !== false) {
    return toModelAnswer({ json: faults.wrongSchema === true ? WRONG_SCHEMA_VALUE : faults.wrongSchema });
  }
  return rule.answer ?? toModelAnswer((rule.reply as ReplyFunction)(request));
}

// A static reply is prepared once per protocol and kept on its rule; reply functions and
// wrong-schema replies are prepared for the request at hand.
function prepare(rule: CompiledRule, adapter: ProtocolAdapter, answer: ModelAnswer): PreparedReply {
  if (answer !== rule.answer) return adapter.prepareReply(answer);
  let prepared = rule.prepared[adapter.protocol];
  if (!prepared) {
    prepared = adapter.prepareReply(answer);
    rule.prepared[adapter.protocol] = prepared;
  }
  return prepared;
}

export function sendProviderError(
  exchange: Exchange,
  adapter: ProtocolAdapter,
  status: number,
  message: string,
  retryAfterSeconds?: number,
): void {
  const headers = retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
  sendJson(exchange, status, adapter.errorBody(status, message), headers);
}

/** Picks the rule, applies its faults in order (latency, hang, status) and sends the reply. */
export async function answerChat(
  exchange: Exchange,
  adapter: ProtocolAdapter,
  request: ScriptedRequest,
  state: ScriptState,
  entry: RecordedRequest,
): Promise<void> {
  const rule = pickRule(state.rules, request);
  entry.rule = rule?.index;
  const faults = rule?.faults ? { ...state.faults, ...rule.faults } : state.faults;
  if (!(await pause(exchange, faults.latencyMs))) return;
  if (faults.hang) return hang(exchange);
  if (faults.status !== undefined) {
    const retryAfter = faults.retryAfterSeconds ?? (faults.status === 429 ? 1 : undefined);
    return sendProviderError(exchange, adapter, faults.status, faultMessage(faults.status), retryAfter);
  }
  const chosen = rule ?? state.defaultRule;
  if (!chosen) return sendProviderError(exchange, adapter, 404, noRuleMessage(request));
  const answer = answerFor(chosen, request, faults);
  const prepared = prepare(chosen, adapter, answer);
  const context: ReplyContext = {
    id: `${adapter.idPrefix}${state.nextId()}`,
    created: Math.floor(Date.now() / 1000),
    modelJson: JSON.stringify(request.model),
    inputTokens: answer.inputTokens ?? estimateInputTokens(request),
    request,
  };
  if (request.stream) return sendStream(exchange, prepared.events(context), faults);
  return sendBody(exchange, prepared.body(context), faults);
}
