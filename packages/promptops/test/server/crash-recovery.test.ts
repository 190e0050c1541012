import { afterEach, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.ts';
import { describeEachDatabase, type ReopenableDatabase } from '../support/databases.ts';
import { type ServeProcess, startServeProcess } from './serve-process.ts';
import {
  callApi,
  expectApi,
  labelEverything,
  prepareServedProject,
  SCRIPTED_MODEL,
  type ServedProject,
} from './served-project.ts';

/**
 * Issue 7, Done when: killing a server with SIGKILL during load loses no committed governance change,
 * and a restart serves the same versions. A real `promptops serve` process takes run requests and a
 * stream of governance writes (new versions proposed with their content, approvals, deploys) and is
 * killed while both are going; a new process on the same database must show every change it answered
 * 2xx for, an intact audit chain, and the same versions in production.
 */

/** Low risk: one approval by a reviewer, no canary required; the governance writes go to it. */
const WRITTEN = 'support/compressed-classify';
const CLASSIFY = 'support/classify-intent';
/**
 * Complete propose → approve → deploy rounds before the kill; it comes while the next round's deploy
 * is in flight, the write that changes what production serves.
 */
const ROUNDS_BEFORE_KILL = 4;
const RUN_WORKERS = 4;

interface Acknowledged {
  /** Versions proposed with new content: version → the description it was given. */
  versions: Map<number, string>;
  /** Change request ids approved. */
  approved: number[];
  /** Deploys answered 200: change request id and the version it made stable. */
  deployed: { change: number; version: number }[];
}

describeEachDatabase('promptops serve killed with SIGKILL under load', (database) => {
  let scratch: ReopenableDatabase | undefined;
  let served: ServedProject | undefined;
  const servers: ServeProcess[] = [];

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill();
    await served?.remove();
    await scratch?.drop();
  });

  it('loses no change it acknowledged, keeps the audit chain intact, and serves the same versions after a restart', async () => {
    scratch = await database.reopenable();
    const env = scratch.env;
    served = await prepareServedProject({ env });
    const admin = served.adminToken;
    const start = async () => {
      // On PGlite the restart waits for the killed holder's folder lock to go stale (10 s).
      const server = await startServeProcess({
        cwd: served!.project,
        env,
        scriptedModel: SCRIPTED_MODEL,
        startTimeoutMs: 90_000,
      });
      servers.push(server);
      return server;
    };

    const first = await start();
    await labelEverything(first.url, admin, 'production');
    await expectApi(201, first.url, admin, '/api/users', {
      username: 'rita',
      grants: [{ role: 'reviewer', prefix: 'support/' }],
    });
    const rita = (await expectApi(201, first.url, admin, '/api/tokens', { name: 'test', username: 'rita' }))
      .token as string;
    const before = await productionVersions(first.url, admin);
    expect(before.size).toBeGreaterThan(5);

    // ── Load: runs from several workers, governance writes from one, until the process dies ───────
    const acknowledged: Acknowledged = { versions: new Map(), approved: [], deployed: [] };
    /** The governance write sent but not answered when the process died. */
    let inFlight: { action: 'propose' | 'approve' | 'deploy'; version?: number } | undefined;
    let killed = false;
    const runsAnswered = { ok: 0 };
    let deploySent: () => void;
    const killPoint = new Promise<void>((resolve) => {
      deploySent = resolve;
    });

    const governanceWriter = async () => {
      let head = (await expectApi(200, first.url, admin, `/api/artifacts/prompt/${WRITTEN}`)).version;
      for (let round = 0; ; round++) {
        const description = `crash-recovery round ${round}`;
        inFlight = { action: 'propose' };
        const proposed = await expectApi(201, first.url, admin, '/api/changes', {
          name: WRITTEN,
          environment: 'production',
          title: description,
          content: { content: { ...head.content, description }, parentVersion: head.version },
        });
        acknowledged.versions.set(proposed.version, description);
        head = { content: { ...head.content, description }, version: proposed.version };
        inFlight = { action: 'approve', version: proposed.version };
        await expectApi(200, first.url, rita, `/api/changes/${proposed.id}/approve`, {});
        acknowledged.approved.push(proposed.id);
        inFlight = { action: 'deploy', version: proposed.version };
        const deploying = expectApi(200, first.url, admin, `/api/changes/${proposed.id}/deploy`, {
          reason: description,
        });
        if (round === ROUNDS_BEFORE_KILL) deploySent();
        const deployed = await deploying;
        expect(deployed.deployment.stableVersion).toBe(proposed.version);
        acknowledged.deployed.push({ change: proposed.id, version: proposed.version });
        inFlight = undefined;
      }
    };
    const runWorker = async (worker: number) => {
      for (let call = 0; ; call++) {
        const answer =
          (worker + call) % 2 === 0
            ? await callApi(first.url, admin, '/api/runs', {
                prompt: WRITTEN,
                environment: 'production',
                variables: { ticket: `ticket ${worker}-${call}` },
              })
            : await callApi(first.url, admin, '/v1/chat/completions', {
                model: `prompt:${CLASSIFY}@production`,
                messages: [{ role: 'user', content: 'I was charged twice for order 1234' }],
              });
        if (answer.status !== 200) throw new Error(`run: ${answer.status} ${JSON.stringify(answer.body)}`);
        runsAnswered.ok++;
      }
    };
    /** Each loop ends when the killed process stops answering; anything else is a failure. */
    const untilKilled = (work: Promise<unknown>) =>
      work.catch((error: unknown) => {
        if (!killed) throw error;
      });
    const load = Promise.all([
      untilKilled(governanceWriter()),
      ...Array.from({ length: RUN_WORKERS }, (_, worker) => untilKilled(runWorker(worker))),
    ]);

    await Promise.race([killPoint, load]); // a failing worker ends the test here
    // A few milliseconds later: the deploy may have been committed or not, but it was not answered.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
    killed = true;
    await first.kill();
    await load;
    expect(runsAnswered.ok).toBeGreaterThan(0);
    const lastDeployed = acknowledged.deployed.at(-1)!.version;

    // ── Restart on the same database ───────────────────────────────────────────────────────────────
    const second = await start();

    // Every acknowledged version is there, with the content it was given.
    for (const [version, description] of acknowledged.versions) {
      const shown = await expectApi(
        200,
        second.url,
        admin,
        `/api/artifacts/prompt/${WRITTEN}?version=${version}`,
      );
      expect(shown.version.content.description).toBe(description);
    }
    // Every acknowledged approval and deploy is there.
    for (const change of acknowledged.approved) {
      const shown = await expectApi(200, second.url, admin, `/api/changes/${change}`);
      expect(['approved', 'deployed']).toContain(shown.state);
    }
    const history = await expectApi(200, second.url, admin, `/api/deployments/prompt/${WRITTEN}`);
    const deployEvents = (history.deploymentEvents as { action: string; toVersion?: number }[]).filter(
      (event) => event.action === 'deploy',
    );
    for (const { change } of acknowledged.deployed) {
      expect((await expectApi(200, second.url, admin, `/api/changes/${change}`)).state).toBe('deployed');
    }
    // The initial label plus one deploy per acknowledged round, and at most the one in flight.
    expect(deployEvents.length).toBeGreaterThanOrEqual(acknowledged.deployed.length);

    // Production serves the last acknowledged deploy — or the deploy in flight, had it committed.
    const after = await productionVersions(second.url, admin);
    const mayServe = [lastDeployed, ...(inFlight?.action === 'deploy' ? [inFlight.version!] : [])];
    expect(mayServe).toContain(after.get(`prompt:${WRITTEN}`));
    // Everything else serves exactly what it served before the kill.
    for (const [artifact, version] of before) {
      if (artifact !== `prompt:${WRITTEN}`) expect(after.get(artifact), artifact).toBe(version);
    }
    // And the runtime of the new process serves those versions.
    const run = await callApi(second.url, admin, '/api/runs', {
      prompt: WRITTEN,
      environment: 'production',
      variables: { ticket: 'after the restart' },
    });
    expect(run.status).toBe(200);
    expect(Number(run.headers.get('x-promptops-version'))).toBe(after.get(`prompt:${WRITTEN}`));
    const chat = await callApi(second.url, admin, '/v1/chat/completions', {
      model: `prompt:${CLASSIFY}@production`,
      messages: [{ role: 'user', content: 'I was charged twice for order 1234' }],
    });
    expect(chat.status).toBe(200);
    expect(Number(chat.headers.get('x-promptops-version'))).toBe(before.get(`prompt:${CLASSIFY}`));

    // The audit chain verifies, with the CLI, once the server let go of the database.
    expect(await second.stop()).toBe(0);
    const verified = await cli(['audit', 'verify'], {
      cwd: served.project,
      env: { ...env, PROMPTOPS_TOKEN: admin },
    });
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^audit chain OK: \d+ entries verified/);
  }, 240_000);
});

/** `kind:name` → the version production resolves to, for every artifact the server lists. */
async function productionVersions(url: string, token: string): Promise<Map<string, number>> {
  const list = await expectApi(200, url, token, '/api/artifacts?limit=500');
  const versions = new Map<string, number>();
  for (const artifact of list.items as { kind: string; name: string }[]) {
    const shown = await expectApi(
      200,
      url,
      token,
      `/api/artifacts/${artifact.kind}/${artifact.name}?environment=production`,
    );
    versions.set(`${artifact.kind}:${artifact.name}`, shown.version.version);
  }
  return versions;
}
