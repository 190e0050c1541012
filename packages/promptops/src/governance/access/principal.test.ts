import { describe, expect, it } from 'vitest';
import { PromptopsError } from '../../errors/index.ts';
import { ACTIONS, type Action } from './actions.ts';
import { authorize, can, type Principal } from './principal.ts';
import { ROLES, type Role, roleSatisfies } from './roles.ts';

const EVERYONE: readonly Role[] = ['viewer', 'author', 'reviewer', 'approver', 'deployer', 'admin'];
const AUTHORS: readonly Role[] = ['author', 'reviewer', 'approver', 'admin'];
const REVIEWERS: readonly Role[] = ['reviewer', 'approver', 'admin'];
const APPROVERS: readonly Role[] = ['approver', 'admin'];
const DEPLOYERS: readonly Role[] = ['deployer', 'admin'];
const ADMINS: readonly Role[] = ['admin'];

/**
 * Who may take each action, written out by hand: changing ACTIONS (or the role ladder) without
 * changing this table on purpose fails the test. docs/governance.md prints the same table.
 */
const EXPECTED: Record<Action, readonly Role[]> = {
  'catalog-read': EVERYONE,
  'prompt-run': EVERYONE,
  'run-read': EVERYONE,
  'audit-read': EVERYONE,
  'change-read': EVERYONE,
  'version-create': AUTHORS,
  'change-propose': AUTHORS,
  'change-comment': AUTHORS,
  'change-withdraw': AUTHORS,
  'change-approve': REVIEWERS,
  'change-reject': REVIEWERS,
  'sample-rate': REVIEWERS,
  'eval-case-propose': REVIEWERS,
  'example-propose': REVIEWERS,
  'eval-run': AUTHORS,
  'eval-record': DEPLOYERS,
  'sample-score': DEPLOYERS,
  deploy: DEPLOYERS,
  'canary-set': DEPLOYERS,
  promote: DEPLOYERS,
  rollback: DEPLOYERS,
  'experiment-manage': DEPLOYERS,
  freeze: DEPLOYERS,
  'artifact-retire': APPROVERS,
  'label-force': ADMINS,
  'user-manage': ADMINS,
  'token-manage': ADMINS,
  'policies-update': ADMINS,
  'webhook-manage': ADMINS,
};

const GLOBAL_ACTIONS: readonly Action[] = [
  'audit-read',
  'sample-score',
  'freeze',
  'user-manage',
  'token-manage',
  'policies-update',
  'webhook-manage',
];

const holding = (...grants: { role: Role; prefix: string }[]): Principal => ({
  actor: 'user:tester',
  userId: 7,
  grants,
});

const actions = Object.keys(ACTIONS) as Action[];
const cells = actions.flatMap((action) => ROLES.map((role) => [action, role] as const));

describe('the action table', () => {
  it('lists exactly the actions and roles the expected table knows', () => {
    expect([...actions].sort()).toEqual(Object.keys(EXPECTED).sort());
    expect([...ROLES]).toEqual(EVERYONE);
  });

  it('scopes exactly the expected actions to the whole catalog', () => {
    const global = actions.filter((action) => ACTIONS[action].scope === 'global');
    expect(global.sort()).toEqual([...GLOBAL_ACTIONS].sort());
  });

  it.each(cells)('%s with only the %s role on the whole catalog', (action, role) => {
    const allowed = EXPECTED[action].includes(role);
    const principal = holding({ role, prefix: '' });
    expect(can(principal, action, 'support/classify-intent')).toBe(allowed);
    expect(roleSatisfies(role, ACTIONS[action].role)).toBe(allowed);
    if (allowed) expect(() => authorize(principal, action, 'support/classify-intent')).not.toThrow();
    else expect(() => authorize(principal, action, 'support/classify-intent')).toThrow(PromptopsError);
  });

  it('gives nothing to a principal without grants', () => {
    for (const action of actions) expect(can(holding(), action, 'support/x')).toBe(false);
  });
});

describe('prefix scoping', () => {
  const author = holding({ role: 'author', prefix: 'support/' });

  it.each([
    ['support/x', true],
    ['support/a/b', true],
    ['supportive/x', false],
    ['billing/x', false],
    ['', false],
  ])('an author grant on support/ covers %j: %s', (name, covered) => {
    expect(can(author, 'change-propose', name)).toBe(covered);
  });

  it('treats a prefix written without its slash as the same folder', () => {
    const unslashed = holding({ role: 'author', prefix: 'support' });
    expect(can(unslashed, 'change-propose', 'support/x')).toBe(true);
    expect(can(unslashed, 'change-propose', 'supportive/x')).toBe(false);
  });

  it('combines grants on different prefixes without leaking one into the other', () => {
    const mixed = holding({ role: 'viewer', prefix: '' }, { role: 'approver', prefix: 'support/' });
    expect(can(mixed, 'change-approve', 'support/x')).toBe(true);
    expect(can(mixed, 'change-approve', 'billing/x')).toBe(false);
    expect(can(mixed, 'catalog-read', 'billing/x')).toBe(true);
  });

  it('needs a grant on the whole catalog for global actions, whatever name is passed', () => {
    const folderAdmin = holding({ role: 'admin', prefix: 'support/' });
    for (const action of GLOBAL_ACTIONS) {
      expect(can(folderAdmin, action, 'support/x')).toBe(false);
      expect(can(folderAdmin, action)).toBe(false);
    }
    expect(can(folderAdmin, 'label-force', 'support/x')).toBe(true);
    const folderDeployer = holding({ role: 'deployer', prefix: 'support/' });
    expect(can(folderDeployer, 'deploy', 'support/x')).toBe(true);
    expect(can(folderDeployer, 'freeze', 'support/x')).toBe(false);
    expect(can(holding({ role: 'deployer', prefix: '' }), 'freeze', 'billing/x')).toBe(true);
  });
});

describe('authorize', () => {
  function refusal(run: () => void): PromptopsError {
    try {
      run();
    } catch (error) {
      if (PromptopsError.isInstance(error)) return error;
      throw error;
    }
    throw new Error('expected authorize to refuse');
  }

  it('refuses an artifact action with forbidden, naming the missing role and the name', () => {
    const viewer = holding({ role: 'viewer', prefix: '' });
    const error = refusal(() => authorize(viewer, 'deploy', 'support/x'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toBe(
      'user:tester may not deploy an approved change to an environment: it needs the deployer role on support/x',
    );
    expect(error.details).toEqual({ action: 'deploy', role: 'deployer', name: 'support/x' });
  });

  it('refuses a global action with forbidden, naming the role needed on the whole catalog', () => {
    const folderAdmin = holding({ role: 'admin', prefix: 'support/' });
    const error = refusal(() => authorize(folderAdmin, 'user-manage', 'support/x'));
    expect(error.code).toBe('forbidden');
    expect(error.message).toContain('needs the admin role on the whole catalog');
    expect(error.details).toEqual({ action: 'user-manage', role: 'admin' });
  });

  it('refuses an author outside its folder', () => {
    const author = holding({ role: 'author', prefix: 'support/' });
    const error = refusal(() => authorize(author, 'change-propose', 'supportive/x'));
    expect(error).toMatchObject({ code: 'forbidden', details: { role: 'author', name: 'supportive/x' } });
  });
});
