import { isArtifactName } from '../content/names.ts';
import type { LocatedIssue } from './file-issues.ts';
import type { YamlDocument } from './yaml-document.ts';

/** Where a kind of named file lives: `chains/…/x.yaml` holds the chain `…/x`. */
export interface NamedFileLayout {
  folder: string;
  extension: string;
  /** What the file holds, for messages: "chain", "suite". */
  noun: string;
}

/** @example nameFromPath('evals/support/intents.yaml', { folder: 'evals', extension: '.yaml' }) // 'support/intents' */
export function nameFromPath(file: string, layout: Omit<NamedFileLayout, 'noun'>): string | undefined {
  if (!file.startsWith(`${layout.folder}/`) || !file.endsWith(layout.extension)) return undefined;
  return file.slice(layout.folder.length + 1, -layout.extension.length);
}

/**
 * The name is the path under the layout's folder; a `name:` key may repeat it but not contradict it.
 * Returns the name, the document's data without `name:`, and what is wrong (file and line).
 */
export function nameFromFile(
  document: YamlDocument,
  layout: NamedFileLayout,
): { name: string; data: unknown; issues: LocatedIssue[] } {
  const { file, data } = document;
  const fromPath = nameFromPath(file, layout);
  const name = fromPath ?? '';
  const issues: LocatedIssue[] = [];
  if (fromPath === undefined) {
    issues.push({
      message: `a ${layout.noun} file belongs under ${layout.folder}/ and ends in ${layout.extension}`,
      location: { file },
    });
  } else if (!isArtifactName(name)) {
    issues.push({
      message: `the path makes the ${layout.noun} name "${name}", which is not a valid name: use lower-case letters, digits, "-" and "_", with "/" between folders`,
      location: { file },
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, 'name')) {
    return { name, data, issues };
  }
  const { name: written, ...rest } = data as Record<string, unknown>;
  if (written !== name) {
    issues.push({
      message: `name ${JSON.stringify(written)} does not match the file: ${file} holds the ${layout.noun} "${name}"`,
      location: document.locate(['name']),
    });
  }
  return { name, data: rest, issues };
}
