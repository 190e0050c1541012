import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServerFixture, startServerFixture } from './server-fixture.ts';

describe('GET /metrics', () => {
  let fixture: ServerFixture;
  beforeAll(async () => {
    fixture = await startServerFixture();
  });
  afterAll(() => fixture?.close());

  const get = (token?: string) =>
    fetch(`${fixture.url}/metrics`, {
      headers: token ? { authorization: `Bearer ${fixture.tokens.get(token)}` } : {},
    });

  it('needs a token with a viewer grant on the whole catalog', async () => {
    expect((await get()).status).toBe(401);
    expect((await get('alice')).status).toBe(403); // author on support/ only
  });

  it('serves Prometheus text with the runs and the HTTP requests', async () => {
    fixture.runtime.server.setRules([
      { reply: { json: { intent: 'billing', confidence: 0.9, entities: {} } } },
    ]);
    const run = await fetch(`${fixture.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fixture.tokens.get('alice')}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        prompt: 'support/classify-intent',
        variables: { customer_message: 'charged twice' },
      }),
    });
    expect(run.status).toBe(200);
    const response = await get('admin');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(text).toMatch(
      /promptops_runs_total\{prompt="support\/classify-intent",version="1",arm="latest",model="openai\/gpt-4o-mini",status="ok",error=""\} 1/,
    );
    expect(text).toMatch(
      /promptops_http_request_duration_seconds_count\{route="\/api\/runs",method="POST",status="200"\} 1/,
    );
  });
});
