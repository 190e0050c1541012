import { PromptopsError } from '../../errors/index.ts';
import { type Attempt, type CallOutcome, callModel } from '../call/call-model.ts';
import { usageOrEstimate } from '../models/index.ts';
import type { ModelMessage, ModelUsage } from '../providers/provider.ts';
import type { ToolSession } from './tool-session.ts';

/**
 * Stage 7 with tools (issue 9): the model is offered the tools its policy allows; while it answers
 * with tool calls, each is decided by policy, run or refused, and its result (or the refusal) goes
 * back as a tool turn; the final answer is what stage 8 validates. The same signature as
 * callModel, so generateValidated takes it in its place. Usage adds up over every turn, as every
 * turn is paid for. After `max_rounds` turns that called tools the run fails; a call that escalates
 * stops the loop at once (the session says why).
 */
export function toolLoopCall(session: ToolSession): typeof callModel {
  const tools = session.definitions();
  return async (targets, request, policy, dependencies): Promise<CallOutcome> => {
    const attempts: Attempt[] = [];
    let messages: ModelMessage[] = request.messages;
    let inputTokens = 0;
    let outputTokens = 0;
    for (let round = 0; ; round++) {
      const outcome = await callModel(
        targets,
        { ...request, messages, ...(tools.length > 0 && { tools }) },
        policy,
        dependencies,
      );
      attempts.push(...outcome.attempts);
      if (!outcome.ok) return { ...outcome, attempts };
      const { response } = outcome;
      const turn = usageOrEstimate(response.usage, messages, {
        text: response.text,
        toolCalls: response.toolCalls,
      });
      inputTokens += turn.inputTokens;
      outputTokens += turn.outputTokens;
      if (response.toolCalls.length === 0) {
        const usage: ModelUsage = { inputTokens, outputTokens };
        return { ok: true, response: { ...response, usage }, target: outcome.target, attempts };
      }
      if (round >= session.maxRounds) {
        return {
          ok: false,
          attempts,
          error: new PromptopsError(
            'policy_refused',
            `the model still asked for tools after ${session.maxRounds} round(s), the most the tool policy allows`,
            { maxRounds: session.maxRounds },
          ),
        };
      }
      messages = [...messages, { role: 'assistant', content: response.text, toolCalls: response.toolCalls }];
      for (const call of response.toolCalls) {
        const content = await session.handle(call, round, dependencies.signal);
        messages.push({ role: 'tool', toolCallId: call.id, content });
        if (session.escalation !== undefined) {
          return {
            ok: false,
            attempts,
            error: new PromptopsError('policy_refused', session.escalation, { tool: call.name }),
          };
        }
      }
    }
  };
}
