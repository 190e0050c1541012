import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

/** A response body as parsed JSON (`any`, as JSON.parse gives it). */
const json = async (response: Response): Promise<ReturnType<typeof JSON.parse>> =>
  JSON.parse(await response.text());

const CLASSIFIED = { json: { intent: 'billing', confidence: 0.93, entities: {} } };

describe('the REST API over real HTTP', () => {
  let fixture: ServerFixture;
  beforeAll(async () => {
    fixture = await startServerFixture();
  });
  afterAll(() => fixture?.close());
  beforeEach(() => fixture.runtime.server.setRules([{ reply: CLASSIFIED }]));

  const call = (
    path: string,
    init: { token?: string; method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${fixture.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.token && { authorization: `Bearer ${fixture.tokens.get(init.token)}` }),
        ...(init.body !== undefined && { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });

  it('answers health and readiness without a token, and nothing else', async () => {
    expect(await json(await call('/healthz'))).toEqual({ status: 'ok' });
    expect(await json(await call('/readyz'))).toEqual({ status: 'ready', runtime: true });
    const anonymous = await call('/api/artifacts');
    expect(anonymous.status).toBe(401);
    const body = await json(anonymous);
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.requestId).toBe(anonymous.headers.get('x-request-id'));
    const forged = await call('/api/artifacts', { headers: { authorization: 'Bearer po_forged' } });
    expect(forged.status).toBe(401);
  });

  it('lists only what the caller may read, a page at a time', async () => {
    const all = await json(await call('/api/artifacts?kind=prompt&limit=2', { token: 'alice' }));
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    expect(all.next).toBe(2);
    const viewer = await json(await call('/api/artifacts', { token: 'viv' }));
    expect(viewer.items).toEqual([]); // a viewer on billing/ sees nothing under support/
    const refused = await call('/api/artifacts/prompt/support/classify-intent', { token: 'viv' });
    expect(refused.status).toBe(403);
    expect((await json(refused)).error.code).toBe('forbidden');
  });

  it('shows one version with an ETag, and answers 304 when it has not changed', async () => {
    const shown = await call('/api/artifacts/prompt/support/classify-intent?version=1', { token: 'alice' });
    expect(shown.status).toBe(200);
    const body = await json(shown);
    expect(body.version).toMatchObject({ name: 'support/classify-intent', version: 1 });
    const etag = shown.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{43}"$/);
    const again = await call('/api/artifacts/prompt/support/classify-intent?version=1', {
      token: 'alice',
      headers: { 'if-none-match': etag },
    });
    expect(again.status).toBe(304);
    // Same version and content, but an environment moved: the answer changed, so no 304.
    const moved = await call('/api/labels', {
      token: 'admin',
      body: { name: 'support/classify-intent', environment: 'staging', version: 1, reason: 'ETag test' },
    });
    expect(moved.status).toBe(200);
    const after = await call('/api/artifacts/prompt/support/classify-intent?version=1', {
      token: 'alice',
      headers: { 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const missing = await call('/api/artifacts/prompt/support/nope', { token: 'alice' });
    expect(missing.status).toBe(404);
    expect((await json(missing)).error.code).toBe('prompt_not_found');
  });

  it('runs a prompt: the result, with run id, version and arm as headers', async () => {
    const response = await call('/api/runs', {
      token: 'alice',
      body: { prompt: 'support/classify-intent', variables: { customer_message: 'I was charged twice' } },
    });
    expect(response.status).toBe(200);
    const result = await json(response);
    expect(result).toMatchObject({ status: 'ok', parsed: { intent: 'billing' }, version: 1 });
    expect(response.headers.get('x-promptops-run-id')).toBe(result.runId);
    expect(response.headers.get('x-promptops-version')).toBe('1');
    // The log has the request, never the prompt, the answer or the token.
    const logged = fixture.logs.join('');
    expect(logged).toContain('"url":"/api/runs"');
    expect(logged).not.toContain('charged twice');
    expect(logged).not.toContain(fixture.tokens.get('alice')!);
  });

  it('refuses bad input with the field named, and a failed run with its code and status', async () => {
    const unknownField = await call('/api/runs', {
      token: 'alice',
      body: { prompt: 'support/classify-intent', variables: {}, temperature: 2 },
    });
    expect(unknownField.status).toBe(400);
    expect((await json(unknownField)).error).toMatchObject({
      code: 'invalid_argument',
      message: 'body: unknown field "temperature"',
    });
    const badVariable = await call('/api/runs', {
      token: 'alice',
      body: { prompt: 'support/classify-intent', variables: { customer_message: '' } },
    });
    expect(badVariable.status).toBe(400);
    const failed = await json(badVariable);
    expect(failed.error.code).toBe('variable_invalid');
    expect(failed.error.details.runId).toMatch(/^[0-9a-f-]{36}$/);
    const notJson = await call('/api/runs', {
      token: 'alice',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    const noRoute = await call('/api/nowhere', { token: 'alice' });
    expect(noRoute.status).toBe(404);
    expect((await json(noRoute)).error.code).toBe('route_not_found');
    const tooBig = await call('/api/runs', {
      token: 'alice',
      body: {
        prompt: 'support/classify-intent',
        variables: { customer_message: 'x'.repeat(2 * 1024 * 1024) },
      },
    });
    expect(tooBig.status).toBe(400);
    expect((await json(tooBig)).error.message).toContain('larger than the server accepts');
  });

  it('renders without calling a model', async () => {
    const before = fixture.runtime.server.requests().length;
    const response = await call('/api/renders', {
      token: 'alice',
      body: { prompt: 'support/classify-intent', variables: { customer_message: 'hello' } },
    });
    const rendered = await json(response);
    expect(rendered.messages[0].content).toContain('customer intent classifier');
    expect(fixture.runtime.server.requests()).toHaveLength(before);
  });

  it('signs in with a password into an httpOnly session cookie, and out again', async () => {
    const wrong = await call('/api/session', { body: { username: 'alice', password: 'nope-nope-nope' } });
    expect(wrong.status).toBe(401);
    const login = await call('/api/session', {
      body: { username: 'alice', password: 'alice-correct-horse-battery' },
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^promptops_session=[^;]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const session = cookie.split(';')[0]!;
    const me = await call('/api/session', { headers: { cookie: session } });
    expect(await json(me)).toMatchObject({ actor: 'user:alice' });
    expect((await call('/api/session', { method: 'DELETE', headers: { cookie: session } })).status).toBe(204);
    expect((await call('/api/session', { headers: { cookie: session } })).status).toBe(401);
  });
});
