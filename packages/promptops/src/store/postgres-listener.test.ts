import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import {
  POSTGRES_SKIP_MESSAGE,
  type ReopenableDatabase,
  testDatabases,
} from '../../test/support/databases.ts';
import type { DatabaseHandle } from './database.ts';
import { listenOnPostgres } from './postgres-listener.ts';

const CHANNEL = 'promptops_listener_test';
const postgres = testDatabases().find((database) => database.name === 'postgres');

/** Polls until `check` holds, or fails after 10 s. */
async function eventually(what: string, check: () => boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`${what}: not within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.skipIf(!postgres)(
  `[postgres] a LISTEN subscription${postgres ? '' : ` — ${POSTGRES_SKIP_MESSAGE}`}`,
  () => {
    let scratch: ReopenableDatabase | undefined;
    let handle: DatabaseHandle | undefined;
    let unlisten: (() => Promise<void>) | undefined;

    afterEach(async () => {
      await unlisten?.();
      await handle?.close();
      await scratch?.drop();
    });

    const notify = (payload: string) => handle!.db.execute(sql`select pg_notify(${CHANNEL}, ${payload})`);
    /** Ends every other connection listening in this database, as a Postgres restart would. */
    const dropListeners = () =>
      handle!.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
      );

    it('survives its connection being dropped: reconnects, says changes may have been missed, and hears later ones', async () => {
      scratch = await postgres!.reopenable();
      handle = await scratch.open();
      const heard: string[] = [];
      unlisten = await listenOnPostgres({
        url: scratch.env.DATABASE_URL!,
        channel: CHANNEL,
        handler: (payload) => heard.push(payload),
        retryMs: 20,
      });
      await notify('before');
      await eventually('the first notification', () => heard.includes('before'));

      await dropListeners();
      await eventually('the reconnection', () => heard.includes(''));
      await notify('after');
      await eventually('a notification after the reconnection', () => heard.includes('after'));
      expect(heard).toEqual(['before', '', 'after']);
    });

    it('stays quiet once unsubscribed, even if its connection was dropped before', async () => {
      scratch = await postgres!.reopenable();
      handle = await scratch.open();
      const heard: string[] = [];
      const stop = await listenOnPostgres({
        url: scratch.env.DATABASE_URL!,
        channel: CHANNEL,
        handler: (payload) => heard.push(payload),
        retryMs: 50,
      });
      await dropListeners();
      await stop();
      await new Promise((resolve) => setTimeout(resolve, 300)); // longer than the retry would wait
      await notify('unheard');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(heard).toEqual([]);
    });
  },
);
