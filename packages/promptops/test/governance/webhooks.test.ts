import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliverDueWebhooks,
  MAX_ATTEMPTS,
  retryDelayMs,
} from '../../src/governance/events/deliver-webhooks.ts';
import { checkWebhookUrl } from '../../src/governance/events/outbound-url.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { rejection } from '../support/rejection.ts';
import { type GovernanceFixture, startGovernanceFixture } from './governance-fixture.ts';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers with the queued status codes, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/promptops`, received, statuses, close: () => server.close() };
}

const SECRET = 'whsec-test-0123456789';

describe('webhook URLs', () => {
  const publicOnly = { allowPrivateNetwork: false };
  it('accept public https URLs', () => {
    expect(checkWebhookUrl('https://hooks.example.com/promptops', publicOnly).host).toBe('hooks.example.com');
  });
  it.each([
    ['http://hooks.example.com/x', 'https'],
    ['https://user:secret@hooks.example.com/x', 'credentials'],
    ['https://10.1.2.3/x', 'private'],
    ['https://127.0.0.1/x', 'loopback'],
    ['https://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://[::1]/x', 'loopback'],
    ['https://[::ffff:192.168.0.1]/x', 'private'],
    ['https://localhost/x', 'private'],
    ['not a url', 'not a URL'],
  ])('refuse %s (%s)', (url, reason) => {
    expect(() => checkWebhookUrl(url, publicOnly)).toThrow(reason);
  });
  it('allow the private network only when told', () => {
    expect(checkWebhookUrl('http://127.0.0.1:9000/x', { allowPrivateNetwork: true }).port).toBe('9000');
  });
  it('back off from 10 s, doubling, to at most an hour', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 12].map((attempt) => retryDelayMs(attempt, middle))).toEqual([
      10_000, 20_000, 40_000, 80_000, 3_600_000,
    ]);
  });
});

describeEachDatabase('webhooks for change requests and deployments', (database) => {
  let fixture: GovernanceFixture;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    fixture = await startGovernanceFixture(await database.open());
    receiver = await startReceiver();
  });
  afterAll(async () => {
    receiver?.close();
    await fixture?.close();
  });
  const deliver = () =>
    deliverDueWebhooks({
      db: fixture.handle.db,
      env: { ACME_WEBHOOK_SECRET: SECRET },
      clock: () => fixture.clock.now,
    });

  it('only admins manage hooks, and event names are checked', async () => {
    const input = {
      name: 'ci',
      url: receiver.url,
      events: ['change.*'],
      secretEnv: 'ACME_WEBHOOK_SECRET',
      allowPrivateNetwork: true,
    };
    expect((await rejection(fixture.governance.webhooks.add(await fixture.as('dan'), input))).code).toBe(
      'forbidden',
    );
    const typo = await rejection(
      fixture.governance.webhooks.add(await fixture.as('admin'), { ...input, events: ['change.aproved'] }),
    );
    expect(typo.message).toContain('unknown event change.aproved');
    await fixture.governance.webhooks.add(await fixture.as('admin'), input);
  });

  it('delivers a signed event for a proposal, retrying after a failure', async () => {
    const alice = await fixture.as('alice');
    const change = await fixture.governance.changes.propose(alice, {
      kind: 'prompt',
      name: 'support/classify-intent',
      environment: 'staging',
      title: 'Try the new examples in staging',
      version: 1,
    });
    receiver.statuses.push(503);
    const first = await deliver();
    expect(first).toEqual([
      expect.objectContaining({ event: 'change.proposed', status: 'pending', statusCode: 503 }),
    ]);
    expect(await deliver()).toEqual([]); // not due yet: backing off
    fixture.clock.now = new Date(fixture.clock.now.getTime() + 15_000);
    expect(await deliver()).toEqual([expect.objectContaining({ status: 'delivered', statusCode: 200 })]);

    const last = receiver.received.at(-1)!;
    const timestamp = last.headers['x-promptops-timestamp'] as string;
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${last.body}`).digest('hex')}`;
    expect(last.headers['x-promptops-signature']).toBe(expected);
    expect(last.headers['x-promptops-event']).toBe('change.proposed');
    expect(JSON.parse(last.body)).toMatchObject({
      event: 'change.proposed',
      actor: 'user:alice',
      target_kind: 'change-request',
      target: String(change.id),
      reason: 'Try the new examples in staging',
    });
    const log = await fixture.governance.webhooks.deliveries(await fixture.as('admin'), { name: 'ci' });
    expect(log[0]).toMatchObject({ event: 'change.proposed', status: 'delivered', attempts: 2 });
  });

  it('announces nothing for a refused change, and gives up after the last attempt', async () => {
    const viv = await fixture.as('viv');
    await rejection(
      fixture.governance.changes.propose(viv, {
        kind: 'prompt',
        name: 'support/classify-intent',
        environment: 'staging',
        title: 'x',
      }),
    );
    expect(await deliver()).toEqual([]);
    await fixture.governance.changes.comment(await fixture.as('alice'), { id: 1, body: 'ready for a look' });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      receiver.statuses.push(500);
      const [outcome] = await deliver();
      expect(outcome?.status).toBe(attempt === MAX_ATTEMPTS ? 'failed' : 'pending');
      fixture.clock.now = new Date(fixture.clock.now.getTime() + 2 * 3_600_000);
    }
    const [failed] = await fixture.governance.webhooks.deliveries(await fixture.as('admin'), {
      status: 'failed',
    });
    expect(failed).toMatchObject({
      event: 'change.commented',
      attempts: MAX_ATTEMPTS,
      lastError: 'HTTP 500',
    });
  });

  it('records a missing secret as a failed attempt, without sending anything', async () => {
    await fixture.governance.changes.comment(await fixture.as('alice'), { id: 1, body: 'ping' });
    const before = receiver.received.length;
    const [outcome] = await deliverDueWebhooks({
      db: fixture.handle.db,
      env: {},
      clock: () => fixture.clock.now,
    });
    expect(outcome).toMatchObject({
      status: 'pending',
      error: 'the signing secret variable ACME_WEBHOOK_SECRET is not set',
    });
    expect(receiver.received.length).toBe(before);
  });
});
