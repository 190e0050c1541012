import { type Catalog, createCatalog } from './catalog/service/catalog.ts';
import { openDatabase } from './store/index.ts';

export interface PromptopsOptions {
  /** A Postgres URL; omit for the embedded PGlite database. */
  databaseUrl?: string;
  /** The PGlite folder; omit (with no URL) for an in-memory database. */
  dataDir?: string;
  clock?: () => Date;
}

export interface Promptops {
  catalog: Catalog;
  close(): Promise<void>;
}

/**
 * The library entry: opens the catalog database (migrating it) and returns the services built on it.
 * The runtime, governance and evaluation services join `catalog` here as their issues land.
 *
 * @example
 * const promptops = await createPromptops({ dataDir: '.promptops/db' });
 * const version = await promptops.catalog.resolve('prompt', 'support/classify-intent', { environment: 'production' });
 * await promptops.close();
 */
export async function createPromptops(options: PromptopsOptions = {}): Promise<Promptops> {
  const handle = await openDatabase({ url: options.databaseUrl, dataDir: options.dataDir });
  return { catalog: createCatalog({ db: handle.db, clock: options.clock }), close: () => handle.close() };
}
