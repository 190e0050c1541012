import { type ArtifactKind, isArtifactName } from '../content/index.ts';
import type { LocatedIssue } from './file-issues.ts';
import type { YamlDocument } from './yaml-document.ts';

/** Where each kind lives in a project folder (DESIGN.md section 6); the name is the path below it. */
export const ARTIFACT_LAYOUT = {
  prompt: { folder: 'prompts', extension: '.yaml', label: 'prompt', schemaFile: 'prompt.schema.json' },
  fragment: { folder: 'fragments', extension: '.liquid', label: 'fragment', schemaFile: undefined },
  'example-bank': {
    folder: 'examples',
    extension: '.yaml',
    label: 'example bank',
    schemaFile: 'example-bank.schema.json',
  },
} as const satisfies Record<
  ArtifactKind,
  { folder: string; extension: string; label: string; schemaFile: string | undefined }
>;

/** @example artifactPath('prompt', 'support/classify-intent') // 'prompts/support/classify-intent.yaml' */
export function artifactPath(kind: ArtifactKind, name: string): string {
  const { folder, extension } = ARTIFACT_LAYOUT[kind];
  return `${folder}/${name}${extension}`;
}

/** The name a file's path gives, or undefined when the file is not in the kind's folder. */
export function nameFromPath(kind: ArtifactKind, file: string): string | undefined {
  const { folder, extension } = ARTIFACT_LAYOUT[kind];
  if (!file.startsWith(`${folder}/`) || !file.endsWith(extension)) return undefined;
  return file.slice(folder.length + 1, -extension.length);
}

export interface NamedData {
  name: string;
  /** The file's data without the optional `name` key, ready for the content schema. */
  data: unknown;
  issues: LocatedIssue[];
}

/**
 * The name comes from the path; a `name:` key in the file is optional and, when present, must say the
 * same, so a copied file cannot silently claim another artifact's name.
 */
export function nameArtifact(kind: ArtifactKind, document: YamlDocument): NamedData {
  const { file } = document;
  const { folder, extension, label } = ARTIFACT_LAYOUT[kind];
  const name = nameFromPath(kind, file) ?? '';
  const issues: LocatedIssue[] = [];
  if (!nameFromPath(kind, file)) {
    issues.push({
      message: `a ${label} file belongs under ${folder}/ and ends in ${extension}`,
      location: { file },
    });
  } else if (!isArtifactName(name)) {
    issues.push({
      message: `the path makes the ${label} name "${name}", which is not a valid name: use lower-case letters, digits, "-" and "_", with "/" between folders`,
      location: { file },
    });
  }
  const data = document.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, 'name')) {
    return { name, data, issues };
  }
  const { name: written, ...rest } = data as Record<string, unknown>;
  if (written !== name) {
    issues.push({
      message: `name ${JSON.stringify(written)} does not match the file: ${file} holds the ${label} "${name}" (the name is the path under ${folder}/)`,
      location: document.locate(['name']),
    });
  }
  return { name, data: rest, issues };
}
