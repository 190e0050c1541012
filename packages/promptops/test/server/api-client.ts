import { expect } from 'vitest';
import type { RoleGrant } from '../../src/governance/access/index.ts';
import type { ServerFixture } from './server-fixture.ts';

/** A response body as parsed JSON (`any`, as JSON.parse gives it). */
export const json = async (response: Response): Promise<ReturnType<typeof JSON.parse>> =>
  JSON.parse(await response.text());

export interface CallInit {
  /** A user name from the fixture's tokens, or a raw token after `token:`. */
  as?: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** Calls the fixture's server over real HTTP as one of its users. */
export function apiClient(fixture: () => ServerFixture) {
  const call = (path: string, init: CallInit = {}) => {
    const token = init.as?.startsWith('token:') ? init.as.slice(6) : init.as && fixture().tokens.get(init.as);
    return fetch(`${fixture().url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(token && { authorization: `Bearer ${token}` }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
      ...(init.signal && { signal: init.signal }),
    });
  };

  /** Calls and expects the status; returns the parsed body (undefined when empty). */
  const expectStatus = async (status: number, path: string, init: CallInit = {}) => {
    const response = await call(path, init);
    const text = await response.text();
    expect(response.status, `${init.method ?? (init.body ? 'POST' : 'GET')} ${path}: ${text}`).toBe(status);
    return text === '' ? undefined : JSON.parse(text);
  };

  /** Expects the error envelope with this status and code; returns the error. */
  const expectError = async (status: number, code: string, path: string, init: CallInit = {}) => {
    const body = await expectStatus(status, path, init);
    expect(body.error).toMatchObject({ code, requestId: expect.any(String) });
    return body.error as { code: string; message: string; details: Record<string, unknown> };
  };

  return { call, expectStatus, expectError };
}

/** Adds a user with these grants (as the fixture's admin) and keeps a token for them in the fixture. */
export async function addUser(fixture: ServerFixture, username: string, grants: RoleGrant[]): Promise<void> {
  const admin = await fixture.governance.authenticateToken(fixture.tokens.get('admin')!);
  await fixture.governance.users.create(admin, { username, grants });
  fixture.tokens.set(
    username,
    (await fixture.governance.tokens.create(admin, { name: 'test', username })).token,
  );
}
