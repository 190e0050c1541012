import { userInfo } from 'node:os';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { createCatalog } from '../catalog/service/catalog.ts';
import { exitCodeOf, formatLocation, PromptopsError } from '../errors/index.ts';
import { createGovernance } from '../governance/create-governance.ts';
import { readCatalogPolicies } from '../governance/policies/catalog-policies.ts';
import { loadPolicies, Policies } from '../governance/policies/index.ts';
import { openDatabase } from '../store/index.ts';
import type { Command, CommandContext } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { toJson } from './format.ts';
import { databaseLocation, findProjectRoot } from './project-root.ts';

export interface CommandIo {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Standard input, read whole; commands that accept `-` as a file use it. */
  stdin?(): Promise<string>;
  /** stderr is a terminal (progress bars redraw in place). */
  isTty?: boolean;
  /** Aborted on SIGINT / SIGTERM. */
  signal?: AbortSignal;
}

const GLOBAL_OPTIONS: ParseArgsOptionsConfig = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  actor: { type: 'string' },
  token: { type: 'string' },
};

export const VERSION = '0.1.0';

/**
 * Runs one CLI invocation and returns its exit code. Pure apart from `io`: the process edge
 * (cli/main.ts) is the only place that reads process.argv or calls process.exit.
 */
export async function runCommand(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = commandFirst(argv);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(helpText());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === 'version') {
    io.stdout(`promptops ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  const json = rest.includes('--json');
  try {
    if (!command) {
      throw new PromptopsError(
        'invalid_argument',
        `unknown command "${name}"; run \`promptops help\` for the list`,
        {
          parameter: name,
        },
      );
    }
    const parsed = parseCommandArguments(command, rest);
    if (parsed.values.help) {
      io.stdout(`${command.summary}\n\nusage: promptops ${command.usage}\n`);
      return 0;
    }
    const context = createContext(io, parsed.values, json);
    return (await command.run(context, parsed)) ?? 0;
  } catch (error) {
    return reportError(error, io, json);
  }
}

/** `promptops --data-dir x list` means `promptops list --data-dir x`: global options may come first. */
function commandFirst(argv: string[]): string[] {
  const leading: string[] = [];
  let index = 0;
  while (index < argv.length) {
    const option = GLOBAL_OPTIONS[argv[index]!.replace(/^--/, '').split('=')[0]!];
    if (!argv[index]!.startsWith('--') || !option || argv[index] === '--help') break;
    const takesValue = option.type === 'string' && !argv[index]!.includes('=');
    leading.push(...argv.slice(index, index + (takesValue ? 2 : 1)));
    index += takesValue ? 2 : 1;
  }
  return [...argv.slice(index, index + 1), ...leading, ...argv.slice(index + 1)];
}

function parseCommandArguments(command: Command, argv: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | string[] | undefined>, positionals };
  } catch (error) {
    throw new PromptopsError(
      'invalid_argument',
      `${(error as Error).message}; usage: promptops ${command.usage}`,
      {},
    );
  }
}

function createContext(
  io: CommandIo,
  values: Record<string, string | boolean | string[] | undefined>,
  json: boolean,
): CommandContext {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const locate = (cwd: string) =>
    databaseLocation(cwd, io.env, { databaseUrl: text('database-url'), dataDir: text('data-dir') });
  return {
    ...io,
    json,
    async withCatalog(work, options = {}) {
      const cwd = options.projectDir ?? io.cwd;
      const handle = await openDatabase(locate(cwd));
      try {
        // The policies in force are the catalog's (stored by push); a project's own file only until then.
        const root = findProjectRoot(cwd);
        const policies =
          (await readCatalogPolicies(handle.db)) ?? (root ? await loadPolicies(root) : Policies.parse({}));
        const governance = createGovernance({ db: handle.db, policies });
        // Without users the catalog's local owner acts; `--actor` names them in the audit trail.
        const localActor = text('actor') ?? io.env.PROMPTOPS_ACTOR ?? `local:${safeUserName()}`;
        const principal = options.anonymous
          ? { actor: 'anonymous', userId: null, grants: [] }
          : await governance.resolveCliPrincipal(text('token') ?? io.env.PROMPTOPS_TOKEN, localActor);
        return await work(createCatalog({ db: handle.db }), handle.db, handle, { principal, governance });
      } finally {
        await handle.close();
      }
    },
  };
}

function reportError(error: unknown, io: CommandIo, json: boolean): number {
  if (!PromptopsError.isInstance(error)) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`promptops: internal error (a bug; please report it):\n${message}\n`);
    return exitCodeOf('internal');
  }
  if (json) {
    io.stdout(`${toJson({ error: error.toJSON() })}\n`);
  } else {
    // Messages from the file loaders already carry their locations; never print one twice.
    const location = error.details.location ? formatLocation(error.details.location) : '';
    const where = location && !error.message.includes(location) ? `${location}: ` : '';
    io.stderr(`error [${error.code}]: ${where}${error.message}\n`);
    const issues = error.details.issues ?? [];
    if (issues.length > 1) {
      for (const issue of issues) {
        const line = `${issue.location ? `${formatLocation(issue.location)}: ` : ''}${issue.message}`;
        if (!error.message.includes(line)) io.stderr(`  - ${line}\n`);
      }
    }
  }
  return exitCodeOf(error.code);
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

function helpText(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  const lines = COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`);
  return [
    `promptops ${VERSION}: prompts as production software`,
    '',
    'usage: promptops <command> [arguments] [--json] [--data-dir DIR | --database-url URL] [--token TOKEN]',
    '',
    'commands:',
    ...lines,
    '',
    'Run `promptops <command> --help` for a command. Exit codes: docs/cli.md.',
    '',
  ].join('\n');
}
