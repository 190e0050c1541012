import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import { readCatalogPolicies } from '../../governance/policies/catalog-policies.ts';
import { POLICIES_FILE } from '../../governance/policies/index.ts';
import { canonicalJson } from '../content/canonical-json.ts';
import { PROJECT_CONFIG_FILE } from '../files/load-project-config.ts';
import { type Project, readProject } from '../files/read-project.ts';
import type { Actor, Catalog } from '../service/catalog.ts';
import { type PushOptions, type PushReport, pushProject } from './push-project.ts';
import { SYNC_LOCK_FILE } from './sync-lock.ts';

/**
 * A path a project file may have: promptops.yaml, policies.yaml, the sync lock, or a file under one
 * of the project folders. No segment starts with a dot, so `..` and hidden files cannot appear.
 */
const PROJECT_PATH =
  /^(?:promptops\.yaml|policies\.yaml|promptops\.lock|(?:prompts|fragments|examples|evals|chains)(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,200}){1,20})$/;

export interface ImportOptions extends PushOptions {
  /**
   * Called with the project read from the files, before anything is written; throws to refuse (the
   * caller's rights on the policies and on each artifact named).
   */
  authorizeProject?: (project: Project) => void | Promise<void>;
}

export interface ImportReport extends PushReport {
  /** The sync lock after the import (the versions the files now stand for); null on a dry run. */
  lock: string | null;
}

/**
 * `push` for files in hand (the REST import): the files are laid out in a temporary folder, read
 * as a project (every problem located by file and line) and pushed in one transaction. A
 * `promptops.lock` among them makes a stale edit a `conflict`, as with push. Without policies.yaml
 * the policies in force stay: an import of prompts alone never resets them to the defaults.
 */
export async function importFiles(
  catalog: Catalog,
  actor: Actor,
  files: Readonly<Record<string, string>>,
  options: ImportOptions = {},
): Promise<ImportReport> {
  for (const file of Object.keys(files)) {
    if (!PROJECT_PATH.test(file)) {
      throw new PromptopsError(
        'invalid_argument',
        `files: "${file}" is not a project file path (promptops.yaml, policies.yaml, promptops.lock, or under prompts/, fragments/, examples/, evals/, chains/)`,
        { parameter: `body.files.${file}` },
      );
    }
  }
  if (files[PROJECT_CONFIG_FILE] === undefined) {
    throw new PromptopsError(
      'invalid_argument',
      `files: include ${PROJECT_CONFIG_FILE} (its routes and providers are what prompts are checked against)`,
      { parameter: 'body.files' },
    );
  }
  const root = await mkdtemp(path.join(tmpdir(), 'promptops-import-'));
  try {
    const inForce = files[POLICIES_FILE] === undefined ? await readCatalogPolicies(catalog.db) : undefined;
    const laidOut = inForce === undefined ? files : { ...files, [POLICIES_FILE]: canonicalJson(inForce) };
    for (const [file, text] of Object.entries(laidOut)) {
      const absolute = path.join(root, file);
      try {
        await mkdir(path.dirname(absolute), { recursive: true });
        await writeFile(absolute, text, { flag: 'wx' });
      } catch {
        throw new PromptopsError('invalid_argument', `files: "${file}" is both a file and a folder`, {
          parameter: `body.files.${file}`,
        });
      }
    }
    const project = await readProject(root);
    await options.authorizeProject?.(project);
    const report = await pushProject(catalog, actor, project, options);
    const lock = report.dryRun ? null : await readFile(path.join(root, SYNC_LOCK_FILE), 'utf8');
    return { ...report, lock };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
