import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PromptContent } from '../../src/catalog/content/prompt-content.ts';
import { createCatalog } from '../../src/catalog/service/catalog.ts';
import { openReplicaHandles } from '../../src/runtime/budgets/test-fixtures.ts';
import { createCachedCatalog } from '../../src/runtime/resolve/cached-catalog.ts';
import { followCatalogChanges } from '../../src/runtime/resolve/follow-catalog-changes.ts';
import { resolvePrompt } from '../../src/runtime/resolve/prompt-resolver.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

const PROMPT = 'support/classify-intent';

describeEachDatabase('a deployment reaches every replica', (database) => {
  let replicas: Awaited<ReturnType<typeof openReplicaHandles>>;
  let fixture: GovernanceFixture;
  beforeAll(async () => {
    replicas = await openReplicaHandles(database, 2);
    fixture = await startGovernanceFixture(replicas.handles[0]!);
  });
  afterAll(() => replicas?.close());

  it('within a second, though the other replica caches for a minute', async () => {
    // Replica B: its own connection and a cache that would serve v1 for 60 s without notifications.
    const other = replicas.handles[1]!;
    const cache = createCachedCatalog({ catalog: createCatalog({ db: other.db }), ttlMs: 60_000 });
    const unlisten = await followCatalogChanges(other, cache);
    const served = async () =>
      (await resolvePrompt(cache, PROMPT, { environment: 'production', stickyKey: 'k' })).version;
    expect(await served()).toBe(1);

    const { governance, catalog } = fixture;
    const content = structuredClone(
      (await catalog.resolve('prompt', PROMPT, { version: 1 })).content,
    ) as PromptContent;
    content.description = `${content.description} Ties go to billing.`;
    const change = await governance.changes.propose(await fixture.as('alice'), {
      kind: 'prompt',
      name: PROMPT,
      environment: 'production',
      title: 'Ties go to billing',
      content: { content, parentVersion: 1 },
    });
    await governance.changes.approve(await fixture.as('rita'), { id: change.id, reason: 'ok' });
    await governance.deployments.deploy(await fixture.as('dan'), { id: change.id, reason: 'release' });

    const started = Date.now();
    while ((await served()) !== 2 && Date.now() - started < 1_000)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await served()).toBe(2);
    await unlisten();
  });
});
