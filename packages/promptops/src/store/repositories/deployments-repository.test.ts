import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/support/databases.ts';
import type { DatabaseHandle } from '../database.ts';
import type { DeploymentEventRow, DeploymentRow } from '../schema/index.ts';
import { insertArtifact } from './artifacts-repository.ts';
import {
  ensureEnvironments,
  findDeployment,
  insertDeploymentEvent,
  listDeploymentEvents,
  listDeployments,
  listEnvironments,
  saveDeployment,
} from './deployments-repository.ts';
import { insertVersion } from './versions-repository.ts';

const at = new Date('2025-03-01T10:00:00.000Z');

function deploymentRow(
  artifactId: number,
  environment: string,
  stableVersion: number,
  revision: number,
  overrides: Partial<DeploymentRow> = {},
): DeploymentRow {
  return {
    artifactId,
    environment,
    stableVersion,
    canaryVersion: null,
    canaryPercent: null,
    canaryStartedAt: null,
    revision,
    updatedAt: new Date(at.getTime() + revision * 1000),
    updatedBy: 'local:alice',
    ...overrides,
  };
}

function eventRow(
  artifactId: number,
  environment: string,
  fromVersion: number | null,
  toVersion: number,
  revision: number,
): Omit<DeploymentEventRow, 'id'> {
  return {
    artifactId,
    environment,
    action: 'label-move',
    fromVersion,
    toVersion,
    canaryVersion: null,
    canaryPercent: null,
    revision,
    actor: 'local:alice',
    reason: fromVersion === null ? null : 'promote',
    at: new Date(at.getTime() + revision * 1000),
  };
}

describeEachDatabase('deployments repository', (database) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await database.open();
  });
  afterAll(() => handle.close());

  async function artifactWithVersions(name: string, versions: number): Promise<number> {
    const artifact = await insertArtifact(handle.db, {
      kind: 'prompt',
      name,
      createdAt: at,
      createdBy: 'local:alice',
      updatedAt: at,
    });
    for (let version = 1; version <= versions; version++) {
      await insertVersion(handle.db, {
        artifactId: artifact.id,
        version,
        parentVersion: version === 1 ? null : version - 1,
        contentHash: `hash-${version}`,
        content: { text: `v${version}` },
        author: 'local:alice',
        message: `v${version}`,
        createdAt: at,
      });
    }
    return artifact.id;
  }

  describe('environments', () => {
    it('starts with none', async () => {
      expect(await listEnvironments(handle.db)).toEqual([]);
    });

    it('adds the configured environments and lists them in the configured order', async () => {
      const added = await ensureEnvironments(handle.db, ['development', 'staging', 'production'], at);
      expect(added).toEqual(['development', 'staging', 'production']);
      expect(await listEnvironments(handle.db)).toEqual(['development', 'staging', 'production']);
    });

    it('is idempotent and never removes an environment missing from the list', async () => {
      expect(await ensureEnvironments(handle.db, ['development', 'staging', 'production'], at)).toEqual([]);
      expect(await ensureEnvironments(handle.db, ['production'], at)).toEqual([]);
      expect(await listEnvironments(handle.db)).toEqual(['development', 'staging', 'production']);
    });

    it('places an environment added in the middle of the configuration where it was configured', async () => {
      const added = await ensureEnvironments(handle.db, ['development', 'staging', 'qa', 'production'], at);
      expect(added).toEqual(['qa']);
      expect(await listEnvironments(handle.db)).toEqual(['development', 'staging', 'qa', 'production']);
    });
  });

  describe('deployments', () => {
    let greetId: number;
    let otherId: number;

    beforeAll(async () => {
      await ensureEnvironments(handle.db, ['development', 'staging', 'production'], at);
      greetId = await artifactWithVersions('support/greet', 3);
      otherId = await artifactWithVersions('support/other', 1);
    });

    /** Expects saving `row` to be refused by the database, its message matching `constraint`. */
    async function expectSaveRefused(row: DeploymentRow, expectedRevision: number, constraint: RegExp) {
      await expect(saveDeployment(handle.db, row, expectedRevision)).rejects.toMatchObject({
        cause: { message: expect.stringMatching(constraint) },
      });
    }

    it('finds nothing where nothing is deployed', async () => {
      expect(await findDeployment(handle.db, greetId, 'production')).toBeUndefined();
      expect(await listDeployments(handle.db, greetId)).toEqual([]);
    });

    it('inserts a first deployment with expected revision 0, and refuses a second first deployment', async () => {
      const first = deploymentRow(greetId, 'production', 1, 1);
      expect(await saveDeployment(handle.db, first, 0)).toBe(true);
      expect(await findDeployment(handle.db, greetId, 'production')).toEqual(first);

      const racing = deploymentRow(greetId, 'production', 2, 1, { updatedBy: 'local:bob' });
      expect(await saveDeployment(handle.db, racing, 0)).toBe(false);
      expect(await findDeployment(handle.db, greetId, 'production')).toEqual(first);
    });

    it('moves a deployment from the current revision, canary included', async () => {
      const moved = deploymentRow(greetId, 'production', 2, 2, { canaryVersion: 3, canaryPercent: 2500 });
      expect(await saveDeployment(handle.db, moved, 1)).toBe(true);
      expect(await findDeployment(handle.db, greetId, 'production')).toEqual(moved);
    });

    it('refuses a move from a stale revision and leaves the row unchanged', async () => {
      const before = await findDeployment(handle.db, greetId, 'production');
      const stale = deploymentRow(greetId, 'production', 1, 2, { updatedBy: 'local:bob' });
      expect(await saveDeployment(handle.db, stale, 1)).toBe(false);
      expect(await findDeployment(handle.db, greetId, 'production')).toEqual(before);
    });

    it('does not create a deployment when a revision is expected but none exists', async () => {
      expect(await saveDeployment(handle.db, deploymentRow(greetId, 'development', 1, 4), 3)).toBe(false);
      expect(await findDeployment(handle.db, greetId, 'development')).toBeUndefined();
    });

    it('lists every environment of one artifact and nothing of another', async () => {
      await saveDeployment(handle.db, deploymentRow(greetId, 'staging', 3, 1), 0);
      await saveDeployment(handle.db, deploymentRow(otherId, 'staging', 1, 1), 0);
      const listed = await listDeployments(handle.db, greetId);
      expect(listed.map((row) => `${row.environment}@${row.stableVersion}`).sort()).toEqual([
        'production@2',
        'staging@3',
      ]);
      expect((await listDeployments(handle.db, otherId)).map((row) => row.environment)).toEqual(['staging']);
    });

    it('refuses a stable version that does not exist', async () => {
      await expectSaveRefused(deploymentRow(otherId, 'production', 7, 1), 0, /deployments_stable_fk/);
      expect(await findDeployment(handle.db, otherId, 'production')).toBeUndefined();
    });

    it('refuses a canary version that does not exist', async () => {
      await expectSaveRefused(
        deploymentRow(otherId, 'staging', 1, 2, { canaryVersion: 9, canaryPercent: 1000 }),
        1,
        /deployments_canary_fk/,
      );
      expect(await findDeployment(handle.db, otherId, 'staging')).toMatchObject({
        revision: 1,
        canaryVersion: null,
      });
    });

    it('refuses an environment that does not exist', async () => {
      await expectSaveRefused(deploymentRow(otherId, 'prod', 1, 1), 0, /foreign key/);
      expect(await findDeployment(handle.db, otherId, 'prod')).toBeUndefined();
    });

    it('refuses a canary percentage above 100 %', async () => {
      await expectSaveRefused(
        deploymentRow(otherId, 'staging', 1, 2, { canaryVersion: 1, canaryPercent: 10_001 }),
        1,
        /deployments_canary_percent_check/,
      );
    });
  });

  describe('deployment events', () => {
    let greetId: number;
    let otherId: number;

    beforeAll(async () => {
      greetId = await artifactWithVersions('events/greet', 3);
      otherId = await artifactWithVersions('events/other', 1);
    });

    it('is empty for an artifact that never moved', async () => {
      expect(await listDeploymentEvents(handle.db, greetId)).toEqual([]);
    });

    it('stores an event and returns it with its id', async () => {
      const row = eventRow(greetId, 'staging', null, 1, 1);
      const stored = await insertDeploymentEvent(handle.db, row);
      expect(stored).toEqual({ ...row, id: expect.any(Number) });
      expect(await listDeploymentEvents(handle.db, greetId)).toEqual([stored]);
    });

    it('lists events newest first, optionally for one environment, never another artifact', async () => {
      await insertDeploymentEvent(handle.db, eventRow(greetId, 'production', null, 1, 1));
      await insertDeploymentEvent(handle.db, eventRow(otherId, 'production', null, 1, 1));
      await insertDeploymentEvent(handle.db, eventRow(greetId, 'staging', 1, 2, 2));
      await insertDeploymentEvent(handle.db, eventRow(greetId, 'production', 1, 3, 2));

      const all = await listDeploymentEvents(handle.db, greetId);
      expect(all.map((event) => `${event.environment} ${event.fromVersion}->${event.toVersion}`)).toEqual([
        'production 1->3',
        'staging 1->2',
        'production null->1',
        'staging null->1',
      ]);
      const staging = await listDeploymentEvents(handle.db, greetId, 'staging');
      expect(staging.map((event) => event.toVersion)).toEqual([2, 1]);
      expect((await listDeploymentEvents(handle.db, otherId)).map((event) => event.environment)).toEqual([
        'production',
      ]);
      expect(await listDeploymentEvents(handle.db, greetId, 'development')).toEqual([]);
    });
  });
});
