import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeFixture, startRuntimeFixture } from './runtime-fixture.ts';

describe('budgets in the runtime', () => {
  let fixture: RuntimeFixture;
  beforeAll(async () => {
    fixture = await startRuntimeFixture({
      budgets: [
        { scope: 'prompt', match: 'support/fast-answer', period: 'day', hard_usd: 0.0001, on_soft: 'alert' },
      ],
    });
    fixture.server.setRules([{ reply: { text: 'ok', usage: { inputTokens: 5, outputTokens: 50 } } }]);
  });
  afterAll(() => fixture.close());

  // Usage within the estimate (max_tokens is 50), as real providers report it: the hard limit then holds exactly.
  it('refuses with budget_exceeded before calling the model once the hard limit is spent', async () => {
    const results = [];
    for (let call = 0; call < 10; call++)
      results.push(await fixture.runtime.run('support/fast-answer', { question: 'q' }));
    const refused = results.filter((result) => result.error?.code === 'budget_exceeded');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.error!.message).toContain('prompt:support/fast-answer');
    const answered = results.filter((result) => result.status === 'ok');
    const spent = answered.reduce((sum, result) => sum + (result.cost?.amount ?? 0), 0);
    expect(spent).toBeLessThanOrEqual(0.0001 + 1e-12);
    expect(fixture.server.requests()).toHaveLength(answered.length);
  });
});
