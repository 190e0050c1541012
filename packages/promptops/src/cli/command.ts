import type { ParseArgsOptionsConfig } from 'node:util';
import type { Catalog } from '../catalog/service/catalog.ts';
import type { Principal } from '../governance/access/index.ts';
import type { Governance } from '../governance/create-governance.ts';
import type { Database, DatabaseHandle } from '../store/index.ts';

/** What a command may touch: no process globals, so commands are plain testable functions. */
export interface CommandContext {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  stdin?(): Promise<string>;
  /** stderr is a terminal: progress bars redraw in place (else one line per 10%). */
  isTty?: boolean;
  /** Aborted when the process is asked to stop (SIGINT, SIGTERM): long-running commands end cleanly. */
  signal?: AbortSignal;
  /** `--json`: machine-readable output on stdout, nothing else there. */
  json: boolean;
  /**
   * Opens the catalog database (migrating it) for the duration of `work`, then closes it. The session
   * says who is acting (the owner of `--token` / PROMPTOPS_TOKEN, or the local owner of a catalog with
   * no users yet) and carries governance with the project's policies. `projectDir` picks the project
   * (and so its embedded catalog) when it is not the current folder, as for `init DIR`; `anonymous`
   * skips sign-in and acts with no rights at all (only `init` uses it, to create the first admin).
   */
  withCatalog<T>(
    work: (catalog: Catalog, db: Database, handle: DatabaseHandle, session: CliSession) => Promise<T>,
    options?: { projectDir?: string; anonymous?: boolean },
  ): Promise<T>;
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

export interface CliSession {
  principal: Principal;
  governance: Governance;
}
