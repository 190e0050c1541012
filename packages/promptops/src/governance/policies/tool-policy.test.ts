import { describe, expect, it } from 'vitest';
import { issueLines } from '../../../test/support/issue-lines.ts';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadPolicies } from './load-policies.ts';

const { load } = useFileLoader('policies.yaml', (root) => loadPolicies(root));

describe('policies.yaml tools:', () => {
  it('reads a rule with its defaults', async () => {
    const policies = await load(
      ['tools:', '  - prompts: [support/]', '    allow: [verify_identity, issue_refund]', ''].join('\n'),
    );
    expect(policies.tools).toEqual([
      {
        prompts: ['support/'],
        allow: ['verify_identity', 'issue_refund'],
        max_calls_per_run: 10,
        max_rounds: 5,
        tools: {},
      },
    ]);
  });

  it('names each broken rule by line and field', async () => {
    const error = await rejection(
      load(
        [
          'tools:',
          '  - prompts: [support/assistant]',
          '    allow: [verify_identity, issue_refund]',
          '    tools:',
          '      issue_refund: { on_failure: retyr }',
          '      verify_identity: { timeout: 500 }',
          '',
        ].join('\n'),
      ),
    );
    expect(error.code).toBe('config_invalid');
    expect(issueLines(error)).toEqual([
      '5 tools[0].tools.issue_refund.on_failure: Invalid option: expected one of "retry"|"skip"|"escalate"; did you mean "retry"?',
      '6 tools[0].tools.verify_identity.timeout: unknown key "timeout"; did you mean "timeout_ms"?',
    ]);
  });

  it('refuses limits for a tool not allowed and an order that could never be met', async () => {
    const error = await rejection(
      load(
        [
          'tools:',
          '  - prompts: [support/assistant]',
          '    allow: [verify_identity, issue_refund]',
          '    tools:',
          '      issue_refund: { requires: [verify_idenity] }',
          '      lookup_order: { max_calls: 2 }',
          '',
        ].join('\n'),
      ),
    );
    expect(issueLines(error)).toEqual([
      '5 tools[0].tools.issue_refund.requires[0]: "verify_idenity" is not in allow, so "issue_refund" could never be called',
      '6 tools[0].tools.lookup_order: "lookup_order" has limits but is not in allow',
    ]);
  });
});
