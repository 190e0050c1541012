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
 * Where the catalog lives, first match wins: `--database-url` (Postgres), `--data-dir` (PGlite),
 * DATABASE_URL, PROMPTOPS_DATA_DIR, else PGlite in `.promptops/db` under the project root (or the current folder
 * when there is no project), so `push` and `render` run from one folder share one catalog.
 */
export function databaseLocation(
  cwd: string,
  env: Record<string, string | undefined>,
  overrides: { databaseUrl?: string; dataDir?: string },
): DatabaseLocation {
  // A flag beats any inherited variable: `--data-dir` wins over a DATABASE_URL set in the shell.
  if (overrides.databaseUrl) return { url: overrides.databaseUrl };
  if (overrides.dataDir) return { dataDir: resolve(cwd, overrides.dataDir) };
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  if (env.PROMPTOPS_DATA_DIR) return { dataDir: resolve(cwd, env.PROMPTOPS_DATA_DIR) };
  return { dataDir: join(findProjectRoot(cwd) ?? resolve(cwd), '.promptops', 'db') };
}
