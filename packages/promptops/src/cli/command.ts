import type { ParseArgsOptionsConfig } from 'node:util';
import type { Catalog } from '../catalog/service/catalog.ts';
import type { Database, DatabaseHandle } from '../store/index.ts';

/** What a command may touch: no process globals, so commands are plain testable functions. */
export interface CommandContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  stdin?(): Promise<string>;
  /** `--json`: machine-readable output on stdout, nothing else there. */
  json: boolean;
  actor: string;
  /** Opens the catalog database (migrating it) for the duration of `work`, then closes it. */
  withCatalog<T>(work: (catalog: Catalog, db: Database, handle: DatabaseHandle) => Promise<T>): Promise<T>;
}

export interface ParsedArguments {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options?: ParseArgsOptionsConfig;
  /** Returns the exit code (0 when omitted). Expected failures throw PromptopsError with a code. */
  run(context: CommandContext, parsed: ParsedArguments): Promise<number | undefined>;
}
