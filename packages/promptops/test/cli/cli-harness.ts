import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { runCommand } from '../../src/cli/run-command.ts';
import { openDatabase } from '../../src/store/index.ts';

/**
 * What the CLI tests share: a scratch folder per test file, a copy of the example catalog to edit,
 * the CLI run in-process (or as a real process) with its output captured, and a look at the stored
 * catalog straight from the database, to prove that a failed command changed nothing.
 */

export const EXAMPLE_PROJECT = fileURLToPath(new URL('../../../../examples/acme-support', import.meta.url));
/** The `promptops` command as npm installs it in the workspace. */
export const CLI_BIN = fileURLToPath(new URL('../../../../node_modules/.bin/promptops', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A scratch folder; `remove` deletes it (call it from afterAll). */
export async function makeScratch(prefix: string): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), `promptops-${prefix}-`));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}

/** Copies examples/acme-support to `target`, so tests edit files without touching the repository. */
export async function copyExample(target: string): Promise<string> {
  await cp(EXAMPLE_PROJECT, target, { recursive: true });
  return target;
}

/**
 * Runs `promptops ...argv` in-process against the PGlite catalog in `dataDir` (through
 * PROMPTOPS_DATA_DIR, as a user's shell would set it).
 */
export async function cli(
  argv: string[],
  options: { cwd: string; dataDir?: string; env?: Record<string, string> },
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(argv, {
    cwd: options.cwd,
    env: {
      ...(options.dataDir ? { PROMPTOPS_DATA_DIR: options.dataDir } : {}),
      PROMPTOPS_ACTOR: 'local:tester',
      ...options.env,
    },
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** Runs the real `promptops` executable as a child process; resolves when it exits. */
export function spawnCli(argv: string[], options: { cwd: string }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    // The bin's shebang runs `node` from the PATH: put the Node running the tests (24) first.
    const child = spawn(CLI_BIN, argv, {
      cwd: options.cwd,
      env: {
        ...process.env,
        // The catalog is the one the arguments name, never one a developer's shell points at.
        DATABASE_URL: undefined,
        PROMPTOPS_DATA_DIR: undefined,
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        PROMPTOPS_ACTOR: 'local:tester',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The stored state a failed command must leave as it was. */
export interface CatalogSnapshot {
  /** `kind:name#version content-hash parent`, sorted. */
  versions: string[];
  auditEntries: number;
  auditHead: string | null;
  /** `environment kind:name=vN`, sorted. */
  deployments: string[];
}

/** Reads the catalog in `dataDir` directly from the database (not through the CLI under test). */
export async function snapshotCatalog(dataDir: string): Promise<CatalogSnapshot> {
  const handle = await openDatabase({ dataDir });
  try {
    const versions = await handle.db.execute(sql`
      select a.kind || ':' || a.name || '#' || v.version || ' ' || v.content_hash || ' parent=' ||
        coalesce(v.parent_version::text, '-') as line
      from artifact_versions v join artifacts a on a.id = v.artifact_id order by line`);
    const audit = await handle.db.execute(sql`
      select count(*)::int as entries,
        (select hash from audit_entries order by position desc limit 1) as head
      from audit_entries`);
    const deployments = await handle.db.execute(sql`
      select d.environment || ' ' || a.kind || ':' || a.name || '=v' || d.stable_version as line
      from deployments d join artifacts a on a.id = d.artifact_id order by line`);
    const auditRow = rowsOf<{ entries: number; head: string | null }>(audit)[0];
    return {
      versions: rowsOf<{ line: string }>(versions).map((row) => row.line),
      auditEntries: auditRow?.entries ?? 0,
      auditHead: auditRow?.head ?? null,
      deployments: rowsOf<{ line: string }>(deployments).map((row) => row.line),
    };
  } finally {
    await handle.close();
  }
}

/** PGlite answers `{ rows }`, node-postgres an array-like result with `rows` too. */
function rowsOf<Row>(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[];
}

/** Replaces exactly one occurrence of `before` in a file (fails loudly when the fixture drifted). */
export async function editFile(path: string, before: string, after: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const count = text.split(before).length - 1;
  if (count !== 1) throw new Error(`expected "${before}" once in ${path}, found it ${count} times`);
  await writeFile(path, text.replace(before, after));
}
