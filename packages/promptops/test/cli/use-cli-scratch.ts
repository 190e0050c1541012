import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type CliResult, cli, copyExample, makeScratch } from './cli-harness.ts';

export interface CliScratchOptions {
  /** Copy examples/acme-support into the scratch folder (as `project`). */
  example?: boolean;
  /** Push the copied example into the catalog, failing the setup when the push fails (implies `example`). */
  push?: boolean;
  /** Changes the copied example before it is pushed. */
  beforePush?: (project: string) => Promise<void>;
}

/** A scratch folder for the tests of one `describe` block, and the CLI run in it against its catalog. */
export interface CliScratch {
  /** The scratch folder, where `run` runs. */
  readonly path: string;
  /** The copy of examples/acme-support, `<scratch>/acme-support` (with `example` or `push` only). */
  readonly project: string;
  /** The PGlite catalog, `<scratch>/db`. */
  readonly dataDir: string;
  /** Runs `promptops ...argv` in-process in the scratch folder against `dataDir`. */
  run(...argv: string[]): Promise<CliResult>;
}

/**
 * Makes the scratch folder in `beforeAll` (with the example copied and pushed when asked) and removes
 * it in `afterAll`. Call it first in the `describe` block: its `beforeAll` runs before the block's own.
 */
export function useCliScratch(prefix: string, options: CliScratchOptions = {}): CliScratch {
  let scratch: Awaited<ReturnType<typeof makeScratch>> | undefined;
  let project: string | undefined;
  const ready = () => {
    if (!scratch) throw new Error('the scratch folder exists only from beforeAll on');
    return scratch;
  };
  const folder: CliScratch = {
    get path() {
      return ready().path;
    },
    get project() {
      if (!project) throw new Error('no example project: pass { example: true } to useCliScratch');
      return project;
    },
    get dataDir() {
      return join(ready().path, 'db');
    },
    run: (...argv) => cli(argv, { cwd: folder.path, dataDir: folder.dataDir }),
  };

  beforeAll(async () => {
    scratch = await makeScratch(prefix);
    if (!options.example && !options.push) return;
    project = await copyExample(join(scratch.path, 'acme-support'));
    await options.beforePush?.(project);
    if (!options.push) return;
    const pushed = await folder.run('push', project);
    if (pushed.code !== 0) throw new Error(`setup push failed: ${pushed.stderr}`);
  });
  afterAll(async () => {
    await scratch?.remove();
  });
  return folder;
}
