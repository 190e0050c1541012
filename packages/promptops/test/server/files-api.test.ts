import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './api-client.ts';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

const EXAMPLE = new URL('../../../../examples/acme-support/', import.meta.url);
const FAST_FILE = 'prompts/support/fast-answer.yaml';

describe('export and import of project files over HTTP', () => {
  let fixture: ServerFixture;
  let config: string;
  let policies: string;
  const { expectStatus, expectError } = apiClient(() => fixture);

  beforeAll(async () => {
    fixture = await startServerFixture();
    config = await readFile(new URL('promptops.yaml', EXAMPLE), 'utf8');
    policies = await readFile(new URL('policies.yaml', EXAMPLE), 'utf8');
  });
  afterAll(() => fixture?.close());

  it('exports what the caller may read as the files pull would write, with the sync lock', async () => {
    const exported = await expectStatus(200, '/api/export?prefix=support/', { as: 'alice' });
    const files = Object.keys(exported.files);
    expect(files).toContain(FAST_FILE);
    expect(files).toContain('prompts/support/classify-intent.yaml');
    expect(files).toContain('promptops.lock');
    expect(
      files.filter((file) => file !== 'promptops.lock').every((file) => file.includes('/support/')),
    ).toBe(true);
    expect(exported.files[FAST_FILE]).toContain('description: Answers in one line');
    const lock = JSON.parse(exported.files['promptops.lock']);
    expect(lock.artifacts['prompt:support/fast-answer']).toMatchObject({ version: 1 });

    const none = await expectStatus(200, '/api/export', { as: 'viv' });
    expect(Object.keys(none.files)).toEqual(['promptops.lock']);
    const production = await expectStatus(200, '/api/export?environment=production', { as: 'admin' });
    expect(production.notDeployed).toContain('support/fast-answer');
  });

  it('imports edited files as new versions, and refuses a stale edit with 409', async () => {
    const exported = await expectStatus(200, `/api/export?prefix=support/`, { as: 'alice' });
    const original = exported.files[FAST_FILE] as string;
    const lock = exported.files['promptops.lock'] as string;
    const edited = original.replace('Answers in one line', 'Answers in one short line');
    const files = { 'promptops.yaml': config, [FAST_FILE]: edited, 'promptops.lock': lock };

    const dryRun = await expectStatus(200, '/api/import', { as: 'alice', body: { files, dryRun: true } });
    expect(dryRun.items).toEqual([
      expect.objectContaining({
        name: 'support/fast-answer',
        action: 'update',
        fromVersion: 1,
        toVersion: 2,
      }),
    ]);
    expect(dryRun.lock).toBeNull();
    const shownBefore = await expectStatus(200, '/api/artifacts/prompt/support/fast-answer', { as: 'alice' });
    expect(shownBefore.version.version).toBe(1);

    const imported = await expectStatus(200, '/api/import', {
      as: 'alice',
      body: { files, message: 'shorter description' },
    });
    expect(imported).toMatchObject({ dryRun: false, policiesUpdated: false });
    expect(imported.items).toEqual([expect.objectContaining({ action: 'update', toVersion: 2 })]);
    expect(JSON.parse(imported.lock).artifacts['prompt:support/fast-answer'].version).toBe(2);
    const shown = await expectStatus(200, '/api/artifacts/prompt/support/fast-answer', { as: 'alice' });
    expect(shown.version).toMatchObject({ version: 2, message: 'shorter description', author: 'user:alice' });

    // Another edit made from the same export: the lock says v1, the catalog is at v2.
    const stale = await expectError(409, 'conflict', '/api/import', {
      as: 'alice',
      body: { files: { ...files, [FAST_FILE]: original.replace('one line', 'two lines') } },
    });
    expect(stale.message).toContain('stale');
    expect(stale.details.location).toEqual({ file: FAST_FILE });
  });

  it('checks rights on what the files hold, and refuses bad files by path and line', async () => {
    const exported = await expectStatus(200, `/api/export?prefix=support/`, { as: 'alice' });
    const fast = exported.files[FAST_FILE] as string;
    const edited = { 'promptops.yaml': config, [FAST_FILE]: fast.replace('one line', 'a line') };
    const viewer = await expectError(403, 'forbidden', '/api/import', { as: 'viv', body: { files: edited } });
    expect(viewer.details).toMatchObject({ action: 'catalog-read', name: 'support/fast-answer' });
    const laxer = policies.replace('approvals: 2', 'approvals: 1');
    const policy = await expectError(403, 'forbidden', '/api/import', {
      as: 'alice',
      body: { files: { ...edited, 'policies.yaml': laxer } },
    });
    expect(policy.details).toMatchObject({ action: 'policies-update' });

    const outside = await expectError(400, 'invalid_argument', '/api/import', {
      as: 'alice',
      body: { files: { 'promptops.yaml': config, 'prompts/../../etc/passwd': 'x' } },
    });
    expect(outside.details.parameter).toBe('body.files.prompts/../../etc/passwd');
    const noConfig = await expectError(400, 'invalid_argument', '/api/import', {
      as: 'alice',
      body: { files: { [FAST_FILE]: fast } },
    });
    expect(noConfig.message).toContain('promptops.yaml');
    const broken = await expectError(400, 'file_invalid', '/api/import', {
      as: 'alice',
      body: { files: { 'promptops.yaml': config, [FAST_FILE]: fast.replace('risk: low', 'risk: extreme') } },
    });
    expect(broken.details.location).toMatchObject({
      file: FAST_FILE,
      line: expect.any(Number),
      field: 'risk',
    });
    const unknown = await expectError(400, 'invalid_argument', '/api/import', {
      as: 'alice',
      body: { files: {}, overwrite: true },
    });
    expect(unknown.message).toBe('body: unknown field "overwrite"');
  });
});
