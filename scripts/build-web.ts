// Builds the web UI (packages/web → packages/web/dist, which `promptops serve` serves at `/`) when
// dist is missing or older than any of its sources; otherwise says it is up to date and exits at
// once. `npm test` and `npm run demo` run it first; `npm run build:web` builds unconditionally.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../packages/web', import.meta.url));
const built = join(web, 'dist', 'index.html');
// The guides (docs/guides/*.md) are bundled into the UI's guides page, so they count as sources too.
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', '../../docs/guides'];

/** The newest modification time under the given files and folders. */
function newest(paths: readonly string[]): number {
  let latest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      latest = Math.max(latest, newest(readdirSync(path).map((entry) => join(path, entry))));
    } else latest = Math.max(latest, stats.mtimeMs);
  }
  return latest;
}

const force = process.argv.includes('--force');
const stale =
  force || !existsSync(built) || statSync(built).mtimeMs < newest(SOURCES.map((source) => join(web, source)));
if (!stale) {
  console.log('web UI: packages/web/dist is up to date');
} else {
  console.log('web UI: building packages/web/dist (vite build)');
  const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: web,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
