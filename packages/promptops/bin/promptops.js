#!/usr/bin/env node
// The `promptops` binary. Plain JavaScript so any Node can start it: promptops itself needs Node 24
// (it runs its TypeScript sources directly). On an older Node this finds the Node 24 the project
// installed (the pinned `node` dev dependency in node_modules/.bin) and runs itself there instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REQUIRED_MAJOR = 24;
const major = Number(process.versions.node.split('.')[0]);

if (major >= REQUIRED_MAJOR) {
  const { main } = await import('../src/cli/main.ts');
  await main();
} else {
  const node = findProjectNode(dirname(fileURLToPath(import.meta.url)));
  if (!node) {
    process.stderr.write(
      `promptops needs Node ${REQUIRED_MAJOR} or newer (this is ${process.version}); ` +
        'run it through npm (npx promptops) in a project that installed the `node` package, or install Node 24.\n',
    );
    process.exit(1);
  }
  const result = spawnSync(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

function findProjectNode(start) {
  for (let folder = start; ; folder = dirname(folder)) {
    const candidate = join(folder, 'node_modules', '.bin', 'node');
    if (existsSync(candidate)) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}
