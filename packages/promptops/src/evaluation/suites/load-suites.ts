import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { filesError, issuesOf, type LocatedIssue } from '../../catalog/files/file-issues.ts';
import { PromptopsError } from '../../errors/index.ts';
import { type LoadedSuite, loadSuiteFile } from './load-suite-file.ts';
import { CASE_FILE_EXTENSIONS, EVALS_FOLDER, SUITE_EXTENSION } from './suite-name.ts';

/**
 * Reads every suite under evals/ (or under the given files and folders, relative to the project
 * folder), sorted by name. Every problem in every file comes back in one `file_invalid` error. CSV
 * and JSONL files are case files, read through the suites that name them; any other file in evals/
 * is a problem, so a misnamed suite (`x.yml`) is never silently skipped.
 * @example await loadSuites('examples/acme-support') // support/adversarial, support/behavioural, …
 * @example await loadSuites(root, ['evals/support/intents.yaml', 'evals/billing'])
 */
export async function loadSuites(
  projectRoot: string,
  paths: readonly string[] = [EVALS_FOLDER],
): Promise<LoadedSuite[]> {
  const root = path.resolve(projectRoot);
  const issues: LocatedIssue[] = [];
  const files = new Set<string>();
  for (const given of paths) {
    const relative = path.posix.normalize(given.split(path.sep).join('/')).replace(/\/$/, '');
    const kind = await stat(path.join(root, relative)).catch(() => undefined);
    if (kind?.isDirectory()) {
      for (const file of await listFolder(root, relative)) {
        if (file.endsWith(SUITE_EXTENSION)) files.add(file);
        else if (!CASE_FILE_EXTENSIONS.some((extension) => file.endsWith(extension)))
          issues.push({ message: unexpectedFileMessage(file), location: { file } });
      }
    } else if (kind?.isFile() || relative.endsWith(SUITE_EXTENSION)) {
      files.add(relative);
    } else if (relative !== EVALS_FOLDER) {
      issues.push({ message: 'no such suite file or folder', location: { file: relative } });
    }
  }
  const suites: LoadedSuite[] = [];
  for (const file of [...files].sort()) {
    try {
      suites.push(await loadSuiteFile(root, file));
    } catch (error) {
      if (!PromptopsError.isInstance(error) || error.code !== 'file_invalid') throw error;
      issues.push(...issuesOf(error));
    }
  }
  if (issues.length > 0) throw filesError(issues);
  return suites.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
}

function unexpectedFileMessage(file: string): string {
  if (file.endsWith('.yml'))
    return `unexpected file: suite files end in .yaml (rename to ${file.slice(0, -4)}.yaml)`;
  return `unexpected file: ${EVALS_FOLDER}/ holds suites (.yaml) and their case files (.csv, .jsonl)`;
}

/** Files under `root/folder`, relative to root with `/`; names starting with `.` are ignored. */
async function listFolder(root: string, folder: string): Promise<string[]> {
  const entries: Dirent[] = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() || entry.isSymbolicLink())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => !file.split('/').some((segment) => segment.startsWith('.')));
}
