import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema/index.ts';

type Schema = typeof schema;

/** A Drizzle database over PGlite or Postgres: one SQL dialect everywhere (DESIGN.md section 5). */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repository functions take either, so they compose inside one transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** Where it lives, for messages: a folder for PGlite, the URL without its password for Postgres. */
  location: string;
  /**
   * Subscribes to a notification channel (Postgres LISTEN/NOTIFY; PGlite delivers in-process).
   * Returns the unsubscribe function. Notifications arrive after the notifying transaction commits.
   * On Postgres a lost listening connection is re-established, and the handler is then called once
   * with an empty payload: notifications may have been missed, so anything may have changed.
   */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The channel catalog mutations notify on, so caches in every replica drop what changed. */
export const CATALOG_CHANNEL = 'promptops_catalog';
