import { describe, expect, it } from 'vitest';
import { issueLines } from '../../../test/support/issue-lines.ts';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadPolicies } from './load-policies.ts';

const { project, load } = useFileLoader('policies.yaml', (root) => loadPolicies(root));

describe('loadPolicies', () => {
  it('gives strict defaults when the project has no policies.yaml', async () => {
    const policies = await loadPolicies(project.root);
    expect(policies.tiers.high).toMatchObject({
      approvals: 2,
      allow_self_approval: false,
      canary: { required: true },
    });
    expect(policies.budgets).toEqual([]);
  });

  it('reads a full policy file, filling defaults inside each entry', async () => {
    const policies = await load(
      [
        'tiers:',
        '  high:',
        '    approvals: 2',
        '    approver_roles: [approver]',
        '    reason_required: true',
        '    required_suites: [{ suite: support/intents, min_pass_rate: 0.95 }]',
        '    canary: { required: true, min_percent: 10, min_minutes: 60 }',
        'freeze_windows:',
        '  - { name: year-end, environments: [production], start: "2025-12-20T00:00:00Z", end: "2026-01-02T00:00:00Z" }',
        'models_by_classification:',
        '  restricted: [azure/*]',
        'guards:',
        '  customer-facing:',
        '    input: { max_chars: 4000, injection: { threshold: 0.8, action: block }, pii: { action: redact } }',
        '    output: { banned_terms: [MegaMart], commitments: escalate }',
        'budgets:',
        '  - { scope: folder, match: support, period: month, soft_usd: 100, hard_usd: 150, on_soft: cheaper_tier }',
        'alerts:',
        '  - { name: error-rate, condition: error_rate > 0.05, for: 5m, severity: critical, action: rollback }',
        '',
      ].join('\n'),
    );
    expect(policies.tiers.high.allow_self_approval).toBe(false);
    expect(policies.tiers.low.approvals).toBe(1);
    expect(policies.guards['customer-facing']?.output?.commitments).toBe('escalate');
    expect(policies.alerts[0]).toMatchObject({ for: '5m', action: 'rollback' });
  });

  it('refuses self-approval for high risk and names each broken rule with its line', async () => {
    const error = await rejection(
      load(
        [
          'tiers:',
          '  high: { approvals: 1, allow_self_approval: true }',
          'freeze_windows:',
          '  - { name: x, environments: [production], start: "2026-01-02T00:00:00Z", end: "2025-12-20" }',
          'budgets:',
          '  - { scope: prompt, period: day, hard_usd: 5 }',
          'alerts:',
          '  - { name: slow, condition: p95_latency_ms > 2000, for: 5 minutes, severity: high }',
          '',
        ].join('\n'),
      ),
    );
    expect(error.code).toBe('config_invalid');
    expect(issueLines(error)).toEqual([
      '2 tiers.high.allow_self_approval: high risk changes need four eyes: allow_self_approval must be false',
      '4 freeze_windows[0].end: expected an ISO 8601 date-time such as 2025-12-20T00:00:00Z',
      '6 budgets[0].match: a prompt budget needs match',
      '8 alerts[0].condition: unknown metric "p95_latency_ms"; did you mean "p99_latency_ms"? (metrics: error_rate, p50_latency_ms, p99_latency_ms, hourly_cost, baseline_hourly_cost, guard_trigger_rate, validation_failure_rate, escalation_rate)',
      '8 alerts[0].for: expected a duration such as 30s, 5m or 1h',
      '8 alerts[0].severity: Invalid option: expected one of "info"|"warning"|"critical"',
    ]);
  });

  it('refuses an alert condition outside the grammar, naming its line and field', async () => {
    const error = await rejection(
      load(
        [
          'alerts:',
          '  - name: errors',
          '    condition: error_rate > 0.05 or 1',
          '    severity: critical',
          '  - name: spike',
          '    condition: hourly_cots > 2 * baseline_hourly_cost',
          '    severity: warning',
          '    min_requests: 0',
          '',
        ].join('\n'),
      ),
    );
    expect(issueLines(error)).toEqual([
      '3 alerts[0].condition: unexpected text at column 19; one comparison per condition',
      expect.stringMatching(
        /^6 alerts\[1\]\.condition: unknown metric "hourly_cots"; did you mean "hourly_cost"\?/,
      ),
      '8 alerts[1].min_requests: Too small: expected number to be >=1',
    ]);
  });

  it('names a recognizer pattern RE2 refuses, an unknown entity and an undefined classification policy by line', async () => {
    const error = await rejection(
      load(
        [
          'recognizers:',
          '  - { name: employee-id, pattern: "EMP-[0-9]{6}", context_words: [employee] }',
          '  - { name: order-ref, pattern: "(?<=ORD-)[0-9]+" }',
          'guards:',
          '  strict:',
          '    input: { pii: { action: block, entities: [employee_id, emial] } }',
          'guards_by_classification:',
          '  confidential: strcit',
          '',
        ].join('\n'),
      ),
    );
    expect(issueLines(error)).toEqual([
      '3 recognizers[1].pattern: the pattern uses lookahead or lookbehind, which the linear-time engine does not support (invalid named capture: `(?<=ORD-)[0-9]+`)',
      '6 guards.strict.input.pii.entities[1]: unknown entity "emial"; did you mean "email"? (built-in types and recognizers are allowed)',
      '8 guards_by_classification.confidential: guard policy "strcit" is not defined under guards',
    ]);
  });

  it('reads fragment override rules, with no locked blocks unless listed', async () => {
    const policies = await load(
      [
        'overrides:',
        '  - { fragment: shared/persona, owner: platform-team, teams: [support/, billing/], locked_blocks: [safety, legal] }',
        '  - { fragment: shared/sign-off, owner: platform-team, teams: [], reason: nobody changes the sign-off }',
        '',
      ].join('\n'),
    );
    expect(policies.overrides).toEqual([
      {
        fragment: 'shared/persona',
        owner: 'platform-team',
        teams: ['support/', 'billing/'],
        locked_blocks: ['safety', 'legal'],
      },
      {
        fragment: 'shared/sign-off',
        owner: 'platform-team',
        teams: [],
        locked_blocks: [],
        reason: 'nobody changes the sign-off',
      },
    ]);
  });

  it('names each broken override rule by line and field', async () => {
    const error = await rejection(
      load(
        [
          'overrides:',
          '  - { fragment: shared/persona, owner: platform-team, teams: [support], locked_blocks: [Safety] }',
          '  - { fragment: shared/persona, owner: platform-team, teams: [support/, support/] }',
          '  - { fragment: support/overrides/shared/persona, teams: [], lock: [tone] }',
          '',
        ].join('\n'),
      ),
    );
    expect(error.code).toBe('config_invalid');
    expect(issueLines(error)).toEqual([
      '2 overrides[0].teams[0]: expected a folder prefix ending in /, such as support/',
      '2 overrides[0].locked_blocks[0]: expected a block name: lower-case letters, digits and "_"',
      '3 overrides[1].teams[1]: team folder "support/" is listed twice',
      '4 overrides[2].owner: missing required key "owner"',
      '4 overrides[2].fragment: a central fragment cannot live in an overrides/ folder; that is where team overrides go',
      '4 overrides[2].lock: unknown key "lock"; did you mean "locked_blocks"?',
    ]);
  });

  it('refuses two rules for one central fragment', async () => {
    const error = await rejection(
      load(
        [
          'overrides:',
          '  - { fragment: shared/persona, owner: platform-team, teams: [support/] }',
          '  - { fragment: shared/persona, owner: billing-team, teams: [billing/] }',
          '',
        ].join('\n'),
      ),
    );
    expect(issueLines(error)).toEqual([
      '3 overrides[1].fragment: "shared/persona" already has a rule; give each central fragment one rule',
    ]);
  });
});
