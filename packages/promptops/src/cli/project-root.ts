import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The nearest folder at or above `start` holding promptops.yaml, if any. */
export function findProjectRoot(start: string): string | undefined {
  let folder = resolve(start);
  for (;;) {
    if (existsSync(join(folder, 'promptops.yaml'))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

export interface DatabaseLocation {
  url?: string;
  dataDir?: string;
}

/**
 * Where the catalog lives: `--database-url` or DATABASE_URL selects Postgres; otherwise PGlite in
 * `--data-dir`, PROMPTOPS_DATA_DIR, or `.promptops/db` under the project root (or the current folder
 * when there is no project), so `push` and `render` run from one folder share one catalog.
 */
export function databaseLocation(
  cwd: string,
  env: Record<string, string | undefined>,
  overrides: { databaseUrl?: string; dataDir?: string },
): DatabaseLocation {
  const url = overrides.databaseUrl ?? env.DATABASE_URL;
  if (url) return { url };
  const dataDir = overrides.dataDir ?? env.PROMPTOPS_DATA_DIR;
  if (dataDir) return { dataDir: resolve(cwd, dataDir) };
  return { dataDir: join(findProjectRoot(cwd) ?? resolve(cwd), '.promptops', 'db') };
}
