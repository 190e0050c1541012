import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = fileURLToPath(new URL('../../../../', import.meta.url));
const promptopsBin = join(repository, 'packages/promptops/bin/promptops.js');
/** Node 24, which promptops needs: this process's when it is one, else the project's own. */
const node =
  Number(process.versions.node.split('.')[0]) >= 24
    ? process.execPath
    : join(repository, 'node_modules/.bin/node');

export interface ExampleServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** The first admin's API token. */
  adminToken: string;
  /** Runs `promptops ...argv` in the project against the server's catalog (CLI, not HTTP). */
  cli(argv: string[], input?: string): { code: number; stdout: string; stderr: string };
  /** Calls the REST API as the admin. */
  api<Result>(path: string, body?: unknown): Promise<Result>;
  stop(): Promise<void>;
}

/**
 * A real `promptops serve` for browser tests: the example catalog (examples/acme-support) pushed to a
 * fresh embedded PGlite catalog, the scripted model standing in for the model APIs, users with the
 * given roles (`author:support/`) (password `<name>-password-1234`), and the built web UI; `edit`
 * changes the example's copy before the push. Talks to promptops only
 * through its CLI and HTTP, as the web package must (dependency-cruiser: web-over-http-only).
 */
export async function startExampleServer(
  users: { name: string; role: string }[],
  options: { edit?: (project: string) => Promise<void> } = {},
): Promise<ExampleServer> {
  const build = spawnSync(node, [join(repository, 'scripts/build-web.ts')], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building the web UI failed: ${build.stderr}${build.stdout}`);

  const scratch = await mkdtemp(join(tmpdir(), 'promptops-web-test-'));
  try {
    return await startIn(scratch, users, options);
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(
  scratch: string,
  users: { name: string; role: string }[],
  options: { edit?: (project: string) => Promise<void> },
): Promise<ExampleServer> {
  const project = join(scratch, 'acme-support');
  await cp(join(repository, 'examples/acme-support'), project, { recursive: true });
  // Changes a test makes to the example before it is pushed (a sampling rate, a policy).
  await options.edit?.(project);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PROMPTOPS_DATA_DIR: join(scratch, 'db'),
    DATABASE_URL: '',
  };
  delete env.PROMPTOPS_TOKEN;
  const cli = (argv: string[], input?: string) => {
    const result = spawnSync(node, [promptopsBin, ...argv], {
      cwd: project,
      env,
      encoding: 'utf8',
      ...(input !== undefined && { input }),
    });
    return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
  };
  const must = (argv: string[], input?: string) => {
    const result = cli(argv, input);
    if (result.code !== 0)
      throw new Error(`promptops ${argv.join(' ')} failed (${result.code}): ${result.stderr}`);
    return result;
  };

  must(['push', '.']);
  const adminToken = JSON.parse(must(['users', 'create', 'admin', '--json']).stdout).token as string;
  const server: ChildProcess = spawn(
    node,
    [
      promptopsBin,
      'serve',
      '--port',
      '0',
      '--host',
      '127.0.0.1',
      '--scripted-model',
      'demo/scripted-model.yaml',
    ],
    { cwd: project, env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    server.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /promptops serving (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    server.on('exit', (code) => reject(new Error(`promptops serve exited ${code}: ${stderr}`)));
  });

  const api = async <Result>(path: string, body?: unknown): Promise<Result> => {
    const response = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${adminToken}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Result;
  };

  try {
    for (const user of users) {
      const [role, prefix = ''] = user.role.split(':');
      await api('/api/users', {
        username: user.name,
        password: `${user.name}-password-1234`,
        grants: [{ role, prefix }],
      });
    }
  } catch (error) {
    server.kill('SIGTERM');
    throw error;
  }

  return {
    url,
    adminToken,
    cli: (argv, input) => cli(argv, input),
    api,
    async stop() {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await rm(scratch, { recursive: true, force: true });
    },
  };
}
