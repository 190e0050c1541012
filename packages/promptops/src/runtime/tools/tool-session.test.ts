import { describe, expect, it } from 'vitest';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { ToolPolicyRule } from '../../governance/policies/tool-policy.ts';
import { createToolRegistry, type ToolHandler } from './tool-handler.ts';
import { ToolSession } from './tool-session.ts';

const CONTENT = {
  tools: [
    {
      name: 'lookup',
      description: 'l',
      side_effect: 'read',
      parameters: { type: 'object', properties: { id: { type: 'string' } } },
    },
  ],
} as unknown as PromptContent;

function session(handler: ToolHandler, limits: Record<string, unknown>) {
  return new ToolSession({
    state: {
      result: { prompt: 'support/x', runId: 'run-1', environment: null },
      options: {},
      trace: {},
    },
    content: CONTENT,
    rule: ToolPolicyRule.parse({ prompts: ['*'], allow: ['lookup'], tools: { lookup: limits } }),
    taint: { score: 0, threshold: 0.5, flagged: false, texts: [] },
    registry: createToolRegistry({ lookup: handler }),
    detectors: {},
  });
}
const call = { id: 'c1', name: 'lookup', arguments: '{"id":"A1"}' };

describe('ToolSession failure handling', () => {
  it('retries a failed call, then records one call with its attempts', async () => {
    let calls = 0;
    const tools = session(
      () => {
        calls++;
        if (calls === 1) throw new Error('connection reset');
        return { found: true };
      },
      { on_failure: 'retry', retries: 2 },
    );
    expect(await tools.handle(call, 0)).toBe('{"found":true}');
    expect(tools.records).toEqual([
      expect.objectContaining({ decision: 'allow', outcome: 'ok', attempts: 2 }),
    ]);
  });

  it('skips a failed call: the model hears that it failed, the trail hears why', async () => {
    const tools = session(() => {
      throw new Error('pool exhausted at db-7.internal');
    }, {});
    expect(await tools.handle(call, 0)).toBe('{"failed":true,"reason":"lookup failed"}');
    expect(tools.records[0]).toMatchObject({ outcome: 'failed', reason: 'pool exhausted at db-7.internal' });
    expect(tools.escalation).toBeUndefined();
  });

  it('passes on a failure the handler reports in its answer', async () => {
    const tools = session(() => ({ ok: false, message: 'no such order' }), {});
    expect(await tools.handle(call, 0)).toBe('{"ok":false,"message":"no such order"}');
    expect(tools.records[0]).toMatchObject({ outcome: 'failed', reason: 'lookup reported failure' });
  });

  it('times a call out, aborting its signal, and escalates when the policy says so', async () => {
    let aborted = false;
    const tools = session(
      (_args, { signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
      { timeout_ms: 30, on_failure: 'escalate' },
    );
    expect(await tools.handle(call, 0)).toBe('{"failed":true,"reason":"lookup timed out"}');
    expect(aborted).toBe(true);
    expect(tools.records[0]).toMatchObject({ outcome: 'failed', reason: 'timed out after 30 ms' });
    expect(tools.escalation).toBe(
      'lookup failed (timed out after 30 ms) and the tool policy escalates its failures',
    );
  });
});
