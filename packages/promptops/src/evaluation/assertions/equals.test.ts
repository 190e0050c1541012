import { describe, expect, it } from 'vitest';
import { grade } from './test-fixtures.ts';

describe('equals', () => {
  it('compares text exactly', async () => {
    expect((await grade({ type: 'equals', value: 'billing' }, 'billing')).pass).toBe(true);
    const failed = await grade({ type: 'equals', value: 'billing' }, 'Billing');
    expect(failed.reason).toBe('expected output equal to "billing", found "Billing"');
    expect((await grade({ type: 'not-equals', value: 'billing' }, 'Billing')).pass).toBe(true);
    expect((await grade({ type: 'not-equals', value: 'billing' }, 'billing')).pass).toBe(false);
  });

  it('compares an object value with the output JSON, ignoring key order', async () => {
    const value = { intent: 'billing', urgent: false };
    expect((await grade({ type: 'equals', value }, '{"urgent": false, "intent": "billing"}')).pass).toBe(
      true,
    );
    expect((await grade({ type: 'equals', value }, '{"intent": "billing"}')).reason).toBe(
      'expected JSON equal to {"intent":"billing","urgent":false}, found {"intent":"billing"}',
    );
    expect((await grade({ type: 'equals', value }, 'billing')).reason).toMatch(/found not JSON$/);
  });

  it("uses the runner's parsed JSON when there is one", async () => {
    const result = await grade(
      { type: 'equals', value: [1, 2] },
      { output: '```json\n[1,2]\n```', parsed: [1, 2] },
    );
    expect(result.pass).toBe(true);
  });
});
