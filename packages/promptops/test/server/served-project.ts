import { join } from 'node:path';
import { cli, copyExample, makeScratch } from '../cli/cli-harness.ts';

/**
 * The example project pushed into a catalog that `promptops serve` processes then share: what the
 * replica and crash-recovery tests start from. Everything is set up the way an operator would, with
 * the CLI (push, users create) and the REST API (labels).
 */
export interface ServedProject {
  /** The copy of examples/acme-support the servers run in. */
  project: string;
  /** An admin's API token. */
  adminToken: string;
  /** Deletes the scratch folder (not the database). */
  remove(): Promise<void>;
}

/** The example's scripted model, relative to the project folder. */
export const SCRIPTED_MODEL = 'demo/scripted-model.yaml';

/**
 * Copies the example (changed by `edit`, before the push), pushes it into the catalog that `env`
 * names (`DATABASE_URL` or `PROMPTOPS_DATA_DIR`) and creates the first admin.
 */
export async function prepareServedProject(options: {
  env: Record<string, string>;
  edit?: (project: string) => Promise<void>;
}): Promise<ServedProject> {
  const scratch = await makeScratch('served');
  try {
    const project = await copyExample(join(scratch.path, 'acme-support'));
    await options.edit?.(project);
    const pushed = await cli(['push', project], { cwd: project, env: options.env });
    if (pushed.code !== 0) throw new Error(`push failed: ${pushed.stderr}`);
    const created = await cli(['users', 'create', 'admin', '--json'], { cwd: project, env: options.env });
    if (created.code !== 0) throw new Error(`users create failed: ${created.stderr}`);
    return { project, adminToken: JSON.parse(created.stdout).token as string, remove: scratch.remove };
  } catch (error) {
    await scratch.remove();
    throw error;
  }
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body (undefined when empty). */
  body: ReturnType<typeof JSON.parse>;
}

/** Calls one server's API as the holder of `token`; POST when there is a body. */
export async function callApi(
  url: string,
  token: string,
  path: string,
  body?: unknown,
  method: string = body === undefined ? 'GET' : 'POST',
): Promise<ApiAnswer> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === '' ? undefined : JSON.parse(text),
  };
}

/** Like `callApi`, but throws unless the answer has this status; returns the body. */
export async function expectApi(
  status: number,
  url: string,
  token: string,
  path: string,
  body?: unknown,
): Promise<ReturnType<typeof JSON.parse>> {
  const answer = await callApi(url, token, path, body);
  if (answer.status !== status) {
    throw new Error(`${path}: expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

/** Points `environment` of every artifact in the catalog at its latest version (break glass, as admin). */
export async function labelEverything(url: string, token: string, environment: string): Promise<void> {
  const list = await expectApi(200, url, token, '/api/artifacts?limit=500');
  for (const artifact of list.items as { kind: string; name: string; headVersion: number }[]) {
    await expectApi(200, url, token, '/api/labels', {
      kind: artifact.kind,
      name: artifact.name,
      environment,
      version: artifact.headVersion,
      reason: 'test setup',
    });
  }
}

/** Polls `probe` until it returns a value that is not undefined, or fails after `deadlineMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  deadlineMs = 10_000,
): Promise<T> {
  const until = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > until) {
      throw new Error(`${what}: not within ${deadlineMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
