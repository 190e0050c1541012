import { describe, expect, it } from 'vitest';
import { checkAssertionSpec } from './check-assertion-spec.ts';
import { grade } from './test-fixtures.ts';

const toolCalls = [
  { tool: 'verify_identity', decision: 'allow', outcome: 'ok' },
  { tool: 'issue_refund', decision: 'deny', outcome: 'not-run' },
];

describe('tool-call', () => {
  it('finds a call by tool, decision and outcome', async () => {
    expect((await grade({ type: 'tool-call' }, { toolCalls })).pass).toBe(true);
    expect(
      (await grade({ type: 'tool-call', value: { tool: 'issue_refund', decision: 'deny' } }, { toolCalls }))
        .pass,
    ).toBe(true);
    const missed = await grade(
      { type: 'tool-call', value: { tool: 'issue_refund', outcome: 'ok' } },
      { toolCalls },
    );
    expect(missed.reason).toBe(
      'expected a tool call issue_refund ok, found only verify_identity allow ok, issue_refund deny not-run',
    );
  });

  it('not-tool-call: no refund was issued; a run without tools made no call', async () => {
    const issued = { type: 'not-tool-call', value: { tool: 'issue_refund', outcome: 'ok' } };
    expect((await grade(issued, { toolCalls })).pass).toBe(true);
    expect((await grade(issued, {})).pass).toBe(true);
    expect((await grade({ type: 'tool-call' }, {})).reason).toBe('expected a tool call, found no tool call');
  });

  it('refuses unknown fields and values by name', () => {
    expect(checkAssertionSpec({ type: 'tool-call', value: { decision: 'denied' } })).toContain(
      'value.decision must be one of allow, deny, escalate',
    );
    expect(checkAssertionSpec({ type: 'tool-call', value: { name: 'x' } })).toContain('name');
  });
});
