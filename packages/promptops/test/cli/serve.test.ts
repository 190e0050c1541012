import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { runCommand } from '../../src/cli/run-command.ts';
import { openDatabase } from '../../src/store/index.ts';
import { useCliScratch } from './use-cli-scratch.ts';

/** The scripted model answers slowly, so a request is still in flight when the server is told to stop. */
const SLOW_SCRIPT = `
rules:
  - match: {}
    reply: { json: { intent: billing, confidence: 0.9, entities: {} } }
    faults: { latencyMs: 1500 }
`;

describe('promptops serve', () => {
  const scratch = useCliScratch('serve', { push: true });

  it('serves until told to stop, then finishes the request in flight and keeps its run record', async () => {
    await writeFile(join(scratch.project, 'slow.yaml'), SLOW_SCRIPT);
    const created = await scratch.run('users', 'create', 'admin', '--json');
    const token = JSON.parse(created.stdout).token as string;
    const stop = new AbortController();
    let stderr = '';
    let announced: (url: string) => void;
    const listening = new Promise<string>((resolve) => {
      announced = resolve;
    });
    const exited = runCommand(['serve', '--port', '0', '--scripted-model', 'slow.yaml'], {
      cwd: scratch.project,
      env: { PROMPTOPS_DATA_DIR: scratch.dataDir },
      signal: stop.signal,
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
        const match = /promptops serving (http:\/\/\S+)/.exec(stderr);
        if (match) announced(match[1]!);
      },
    });
    const url = await Promise.race([listening, exited.then((code) => `exited ${code}: ${stderr}`)]);
    expect(stderr).toContain('replies are scripted');

    // The pushed policies' alert rules are at work over the runs this process serves.
    const alerts = await fetch(`${url}/api/alerts`, { headers: { authorization: `Bearer ${token}` } });
    expect(alerts.status).toBe(200);
    expect(await alerts.json()).toMatchObject({
      evaluating: true,
      rules: [{ name: 'prompt-error-rate-high', action: 'rollback' }, {}, {}],
    });

    const inFlight = fetch(`${url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        prompt: 'support/classify-intent',
        variables: { customer_message: 'charged twice' },
      }),
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop.abort(new Error('SIGTERM'));

    const response = await inFlight;
    expect(response.status).toBe(200);
    const result = (await response.json()) as { runId: string };
    expect(result).toMatchObject({ status: 'ok', parsed: { intent: 'billing' } });
    expect(await exited).toBe(0);
    expect(stderr).toContain('stopping: finishing requests in flight, then flushing run records');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();

    // The run record was flushed before the process let go of the database.
    const handle = await openDatabase({ dataDir: scratch.dataDir });
    try {
      const rows = await handle.db.execute(
        sql`select count(*)::int as runs from run_records where id = ${result.runId}`,
      );
      expect((rows as unknown as { rows: { runs: number }[] }).rows[0]!.runs).toBe(1);
    } finally {
      await handle.close();
    }
  });
});
