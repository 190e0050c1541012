import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import { rejection } from '../../../test/support/rejection.ts';
import { verifyAuditChain } from '../../governance/audit/index.ts';
import type { DatabaseHandle } from '../../store/index.ts';
import { listAuditEntries } from '../../store/index.ts';
import { type Catalog, createCatalog } from './catalog.ts';

const alice = { actor: 'local:alice' };
const bob = { actor: 'local:bob' };

function promptContent(text: string, extra: Record<string, unknown> = {}) {
  return {
    description: 'Greets a customer',
    owner: 'support',
    risk: 'low',
    tags: ['support'],
    messages: [{ role: 'user', content: text }],
    ...extra,
  };
}

describeEachDatabase('catalog', (database) => {
  let handle: DatabaseHandle;
  let catalog: Catalog;

  beforeAll(async () => {
    handle = await database.open();
    catalog = createCatalog({ db: handle.db });
    await catalog.ensureEnvironments(alice, ['development', 'staging', 'production']);
  });
  afterAll(() => handle.close());

  describe('versions', () => {
    it('numbers versions per prompt, records parent, author and message', async () => {
      const first = await catalog.saveVersion(alice, {
        kind: 'prompt',
        name: 'support/greet',
        content: promptContent('Hello {{ name }}'),
        parentVersion: null,
        message: 'first draft',
      });
      expect(first).toMatchObject({ outcome: 'created', version: 1 });
      expect(first.contentHash).toMatch(/^[0-9a-f]{64}$/);
      const second = await catalog.saveVersion(bob, {
        kind: 'prompt',
        name: 'support/greet',
        content: promptContent('Hi {{ name }}'),
        parentVersion: 1,
        message: 'shorter',
      });
      expect(second).toMatchObject({ outcome: 'created', version: 2 });
      const history = await catalog.history('prompt', 'support/greet');
      expect(
        history.versions.map((version) => [
          version.version,
          version.parentVersion,
          version.author,
          version.message,
        ]),
      ).toEqual([
        [1, null, 'local:alice', 'first draft'],
        [2, 1, 'local:bob', 'shorter'],
      ]);
      const resolved = await catalog.resolve('prompt', 'support/greet', { version: 1 });
      expect(resolved.content).toMatchObject({ messages: [{ role: 'user', content: 'Hello {{ name }}' }] });
    });

    it('does not create a version when the content is unchanged, whatever the key order', async () => {
      const content = promptContent('Hi {{ name }}');
      const reordered = Object.fromEntries(Object.entries(content).reverse());
      const result = await catalog.saveVersion(alice, {
        kind: 'prompt',
        name: 'support/greet',
        content: reordered,
        parentVersion: 1,
        message: 'no-op',
      });
      expect(result).toMatchObject({ outcome: 'unchanged', version: 2 });
      expect((await catalog.get('prompt', 'support/greet')).headVersion).toBe(2);
    });

    it('refuses a change based on a stale parent with a conflict naming both versions', async () => {
      const error = await rejection(
        catalog.saveVersion(alice, {
          kind: 'prompt',
          name: 'support/greet',
          content: promptContent('Howdy'),
          parentVersion: 1,
          message: 'stale',
        }),
      );
      expect(error.code).toBe('conflict');
      expect(error.message).toContain('at version 2');
      expect(error.message).toContain('based on version 1');
      expect((await catalog.get('prompt', 'support/greet')).headVersion).toBe(2);
    });

    it('lets exactly one of two concurrent saves from the same parent win', async () => {
      await catalog.saveVersion(alice, {
        kind: 'prompt',
        name: 'race/one',
        content: promptContent('v1'),
        parentVersion: null,
        message: 'start',
      });
      const results = await Promise.allSettled(
        ['from alice', 'from bob'].map((text) =>
          catalog.saveVersion(alice, {
            kind: 'prompt',
            name: 'race/one',
            content: promptContent(text),
            parentVersion: 1,
            message: text,
          }),
        ),
      );
      const fulfilled = results.filter((result) => result.status === 'fulfilled');
      const rejected = results.filter((result) => result.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect((rejected[0] as PromiseRejectedResult).reason.code).toBe('conflict');
      const history = await catalog.history('prompt', 'race/one');
      expect(history.versions.map((version) => version.version)).toEqual([1, 2]);
    });

    it('rejects invalid content naming the field, and stores nothing', async () => {
      const error = await rejection(
        catalog.saveVersion(alice, {
          kind: 'prompt',
          name: 'support/bad',
          content: { ...promptContent('x'), risk: 'extreme' },
          parentVersion: null,
          message: 'bad',
        }),
      );
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toContain('risk');
      expect(await catalog.list({ prefix: 'support/bad' })).toEqual([]);
    });

    it('refuses sampling assertions the assertions module refuses, as files do', async () => {
      const error = await rejection(
        catalog.saveVersion(alice, {
          kind: 'prompt',
          name: 'support/sampled',
          content: {
            ...promptContent('x'),
            sampling: { rate: 0.1, assert: [{ type: 'regex', value: '(a)\\1' }] },
          },
          parentVersion: null,
          message: 'bad online check',
        }),
      );
      expect(error.code).toBe('invalid_argument');
      expect(error.message).toContain('sampling.assert.0.value: value uses a backreference');
      expect(await catalog.list({ prefix: 'support/sampled' })).toEqual([]);
    });

    it('versions fragments and example banks the same way', async () => {
      const fragment = await catalog.saveVersion(alice, {
        kind: 'fragment',
        name: 'support/persona',
        content: { template: 'You are friendly.' },
        parentVersion: null,
        message: 'persona',
      });
      const bank = await catalog.saveVersion(alice, {
        kind: 'example-bank',
        name: 'support/intents',
        content: { examples: [{ input: 'Where is my order?', output: '{"intent":"order_tracking"}' }] },
        parentVersion: null,
        message: 'bank',
      });
      expect([fragment.version, bank.version]).toEqual([1, 1]);
      expect((await catalog.get('fragment', 'support/persona')).kind).toBe('fragment');
    });
  });

  describe('labels', () => {
    it('moves an environment and keeps every move in the history', async () => {
      await catalog.moveLabel(alice, {
        kind: 'prompt',
        name: 'support/greet',
        environment: 'production',
        version: 1,
      });
      await catalog.moveLabel(bob, {
        kind: 'prompt',
        name: 'support/greet',
        environment: 'production',
        version: 2,
        reason: 'shorter greeting tested',
      });
      const served = await catalog.resolve('prompt', 'support/greet', { environment: 'production' });
      expect(served.version).toBe(2);
      const history = await catalog.history('prompt', 'support/greet');
      expect(
        history.deploymentEvents.map((event) => [event.fromVersion, event.toVersion, event.actor]),
      ).toEqual([
        [1, 2, 'local:bob'],
        [null, 1, 'local:alice'],
      ]);
      const detail = await catalog.get('prompt', 'support/greet');
      expect(detail.deployments).toMatchObject([
        { environment: 'production', stableVersion: 2, revision: 2 },
      ]);
    });

    it('refuses unknown environments, unknown versions and stale revisions', async () => {
      const base = { kind: 'prompt' as const, name: 'support/greet' };
      expect(
        (await rejection(catalog.moveLabel(alice, { ...base, environment: 'prod', version: 1 }))).code,
      ).toBe('environment_not_found');
      expect(
        (await rejection(catalog.moveLabel(alice, { ...base, environment: 'staging', version: 9 }))).code,
      ).toBe('version_not_found');
      const stale = await rejection(
        catalog.moveLabel(alice, { ...base, environment: 'production', version: 1, expectedRevision: 1 }),
      );
      expect(stale.code).toBe('conflict');
      expect((await catalog.resolve('prompt', 'support/greet', { environment: 'production' })).version).toBe(
        2,
      );
    });

    it('says clearly when nothing is deployed in an environment', async () => {
      const error = await rejection(catalog.resolve('prompt', 'support/greet', { environment: 'staging' }));
      expect(error.code).toBe('environment_not_found');
      expect(error.message).toContain('promptops label support/greet VERSION staging');
    });
  });

  describe('listing', () => {
    it('filters by folder prefix, tag, owner, risk and text', async () => {
      await catalog.saveVersion(alice, {
        kind: 'prompt',
        name: 'billing/refund-check',
        content: promptContent('Check refunds over {{ amount }}', {
          owner: 'billing',
          risk: 'high',
          tags: ['money'],
          description: 'Decides refund eligibility',
        }),
        parentVersion: null,
        message: 'new',
      });
      const names = async (filter: Parameters<Catalog['list']>[0]) =>
        (await catalog.list({ kind: 'prompt', ...filter })).map((artifact) => artifact.name);
      expect(await names({ prefix: 'billing/' })).toEqual(['billing/refund-check']);
      expect(await names({ tag: 'money' })).toEqual(['billing/refund-check']);
      expect(await names({ owner: 'billing' })).toEqual(['billing/refund-check']);
      expect(await names({ risk: 'high' })).toEqual(['billing/refund-check']);
      expect(await names({ text: 'ELIGIBILITY' })).toEqual(['billing/refund-check']);
      expect(await names({ text: 'refunds over' })).toEqual(['billing/refund-check']);
      expect(await names({ text: '100%_' })).toEqual([]);
    });
  });

  describe('retire', () => {
    it('keeps history but refuses new versions and deployments', async () => {
      await catalog.retire(alice, { kind: 'prompt', name: 'race/one', reason: 'replaced by support/greet' });
      const error = await rejection(
        catalog.saveVersion(alice, {
          kind: 'prompt',
          name: 'race/one',
          content: promptContent('again'),
          parentVersion: 2,
          message: 'x',
        }),
      );
      expect(error.code).toBe('retired');
      expect((await catalog.history('prompt', 'race/one')).versions).toHaveLength(2);
      expect(await catalog.list({ status: 'retired' })).toMatchObject([{ name: 'race/one' }]);
    });
  });

  describe('audit chain', () => {
    it('records every mutation with actor, action, target and reason', async () => {
      const entries = await listAuditEntries(handle.db, { target: 'support/greet', order: 'ascending' });
      expect(entries.map((entry) => `${entry.actor} ${entry.action}`)).toEqual([
        'local:alice artifact-create',
        'local:alice version-create',
        'local:bob version-create',
        'local:alice label-move',
        'local:bob label-move',
      ]);
      expect(entries[4]!.reason).toBe('shorter greeting tested');
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
    });

    it('detects an altered row and a deleted row, naming the entry', async () => {
      const before = await verifyAuditChain(handle.db);
      expect(before.ok).toBe(true);
      await handle.db.execute(sql`alter table audit_entries disable trigger audit_entries_append_only`);
      const [original] = await listAuditEntries(handle.db, { order: 'ascending', limit: 3 }).then((rows) =>
        rows.slice(2),
      );
      await handle.db.execute(sql`update audit_entries set actor = 'local:mallory' where position = 3`);
      const altered = await verifyAuditChain(handle.db);
      expect(altered).toMatchObject({ ok: false, problem: { position: 3, kind: 'altered' } });
      await handle.db.execute(sql`update audit_entries set actor = ${original!.actor} where position = 3`);
      expect((await verifyAuditChain(handle.db)).ok).toBe(true);
      await handle.db.execute(sql`delete from audit_entries where position = 4`);
      const deleted = await verifyAuditChain(handle.db);
      expect(deleted).toMatchObject({ ok: false, problem: { position: 4, kind: 'missing' } });
      expect(deleted.ok === false && deleted.problem.message).toContain('audit entry 4 is missing');
      await handle.db.execute(sql`alter table audit_entries enable trigger audit_entries_append_only`);
    });

    it('refuses casual updates of audit entries and versions', async () => {
      for (const statement of [
        sql`update artifact_versions set message = 'x'`,
        sql`delete from audit_entries`,
      ]) {
        const error = await handle.db.execute(statement).then(
          () => undefined,
          (failure: Error) => failure,
        );
        expect(String((error?.cause as Error | undefined)?.message)).toMatch(/append-only/);
      }
    });
  });
});
