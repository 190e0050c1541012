import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { suggestName } from '../../errors/suggest-name.ts';
import type { ArtifactKind } from '../content/index.ts';
import { ARTIFACT_LAYOUT } from './artifact-layout.ts';
import type { LocatedIssue } from './file-issues.ts';

/** Folders whose files later stages read (eval suites, chains); listed, not loaded, for now. */
export const SKIPPED_FOLDERS = ['evals', 'chains'] as const;

const CONFIG_FILES = ['promptops.yaml', 'policies.yaml'];
/** Files of ours that are not read as project content (the sync lock of push and pull). */
const OWN_FILES = ['promptops.lock'];

export interface ProjectFileListing {
  /** Artifact files, relative to the project folder with `/`, sorted. */
  files: { kind: ArtifactKind; file: string }[];
  skipped: string[];
  /** Files in places or with extensions nothing reads: errors, so nothing is silently ignored. */
  issues: LocatedIssue[];
}

/**
 * Lists a project folder's files by kind. Names starting with `.` (`.gitkeep`, `.DS_Store`, editor
 * folders) are ignored.
 */
export async function listProjectFiles(root: string): Promise<ProjectFileListing> {
  const listing: ProjectFileListing = { files: [], skipped: [], issues: [] };
  listing.issues.push(...(await misspeltTopLevelNames(root)));
  for (const kind of Object.keys(ARTIFACT_LAYOUT) as ArtifactKind[]) {
    const { folder, extension, label } = ARTIFACT_LAYOUT[kind];
    for (const file of await listFolder(root, folder, listing.issues)) {
      if (file.endsWith(extension)) listing.files.push({ kind, file });
      else
        listing.issues.push({
          message: unexpectedFileMessage(file, folder, extension, label),
          location: { file },
        });
    }
  }
  for (const folder of SKIPPED_FOLDERS)
    listing.skipped.push(...(await listFolder(root, folder, listing.issues)));
  listing.files.sort((left, right) => (left.file < right.file ? -1 : left.file > right.file ? 1 : 0));
  listing.skipped.sort();
  return listing;
}

/**
 * A misspelt `policies.yaml` or `prompts/` would otherwise be silently ignored (and default policies
 * applied), so top-level names close to ours are errors; other files belong to the repository.
 */
async function misspeltTopLevelNames(root: string): Promise<LocatedIssue[]> {
  const folders = [...Object.values(ARTIFACT_LAYOUT).map((layout) => layout.folder), ...SKIPPED_FOLDERS];
  const issues: LocatedIssue[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const known = entry.isDirectory() ? folders : CONFIG_FILES;
    if (entry.name.startsWith('.') || known.includes(entry.name) || OWN_FILES.includes(entry.name)) continue;
    // Without the prefix rule: a short folder such as `pr/` is someone else's, not a cut-short `prompts/`.
    const meant = suggestName(entry.name, known, { prefixes: false });
    if (meant) {
      issues.push({
        message: `did you mean ${meant}${entry.isDirectory() ? '/' : ''}? promptops reads only that name`,
        location: { file: entry.name },
      });
    }
  }
  return issues;
}

function unexpectedFileMessage(file: string, folder: string, extension: string, label: string): string {
  const base = file.replace(/\.[^./]*$/, '');
  if (/\.ya?ml$/.test(file) && extension === '.yaml')
    return `unexpected file: ${label} files end in .yaml (rename to ${base}.yaml)`;
  return `unexpected file: ${folder}/ holds only ${label} files ending in ${extension}`;
}

/** Every file under `root/folder`, relative to root with `/`; an absent folder is empty. */
async function listFolder(root: string, folder: string, issues: LocatedIssue[]): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(root, folder), { withFileTypes: true, recursive: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return [];
    issues.push({
      message: code === 'ENOTDIR' ? `${folder} must be a folder` : `cannot read the folder: ${code}`,
      location: { file: folder },
    });
    return [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (file.split('/').some((segment) => segment.startsWith('.'))) continue;
    if (entry.isFile()) files.push(file);
    else if (entry.isSymbolicLink()) {
      const target = await stat(path.join(root, file)).catch(() => undefined);
      if (target?.isFile()) files.push(file);
      else
        issues.push({
          message: 'a symbolic link to a folder or to nothing: link files, not folders',
          location: { file },
        });
    }
  }
  return files;
}
