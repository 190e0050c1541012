import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Document } from 'yaml';
import type { z } from 'zod';
import { PromptopsError } from '../../errors/index.ts';
import {
  type ArtifactKind,
  ExampleBankContent,
  FragmentContent,
  isArtifactName,
  PromptContent,
} from '../content/index.ts';
import { ARTIFACT_LAYOUT, artifactPath } from './artifact-layout.ts';
import type { LoadedArtifact } from './loaded-artifact.ts';
import { orderKeys } from './order-keys.ts';

/** What `promptops pull` writes: an artifact by kind and name, with its content. */
export type ArtifactToWrite = Pick<LoadedArtifact, 'kind' | 'name' | 'content'>;

export interface RenderFileOptions {
  /**
   * Where the published JSON Schemas are, relative to the project folder (or an https:// URL), for
   * the `# yaml-language-server: $schema=…` line editors use to complete and check the file.
   */
  schemaDirectory?: string;
}

export const DEFAULT_SCHEMA_DIRECTORY = 'node_modules/promptops/schemas';

const SCHEMAS: Record<ArtifactKind, z.ZodType> = {
  prompt: PromptContent,
  fragment: FragmentContent,
  'example-bank': ExampleBankContent,
};

/**
 * The file for an artifact: its path relative to the project folder and its text. Keys follow the
 * schema's order, multi-line strings are `|` blocks, and reading the file back gives equal content.
 * @example renderArtifactFile({ kind: 'prompt', name: 'support/triage', content }) // { file: 'prompts/support/triage.yaml', text: '# yaml-language-server: …' }
 */
export function renderArtifactFile(
  artifact: ArtifactToWrite,
  options: RenderFileOptions = {},
): { file: string; text: string } {
  if (!isArtifactName(artifact.name)) {
    throw new PromptopsError('invalid_argument', `"${artifact.name}" is not a valid ${artifact.kind} name`);
  }
  const file = artifactPath(artifact.kind, artifact.name);
  const ordered = orderKeys(SCHEMAS[artifact.kind], artifact.content) as Record<string, unknown>;
  if (artifact.kind === 'fragment') return { file, text: fragmentText(ordered) };
  const schemaFile = ARTIFACT_LAYOUT[artifact.kind].schemaFile;
  const directory = options.schemaDirectory ?? DEFAULT_SCHEMA_DIRECTORY;
  const schemaReference = /^https?:\/\//.test(directory)
    ? `${directory.replace(/\/$/, '')}/${schemaFile}`
    : path.posix.relative(path.posix.dirname(file), path.posix.join(directory, schemaFile));
  return { file, text: yamlText(ordered, `yaml-language-server: $schema=${schemaReference}`) };
}

/**
 * Writes artifact files under `root`, each atomically (temporary file, then rename), skipping files
 * whose text is already the same so unchanged files keep their timestamps. Returns the files written.
 */
export async function writeArtifactFiles(
  root: string,
  artifacts: readonly ArtifactToWrite[],
  options: RenderFileOptions = {},
): Promise<string[]> {
  const written: string[] = [];
  for (const artifact of artifacts) {
    const { file, text } = renderArtifactFile(artifact, options);
    const absolute = path.join(root, file);
    const current = await readFile(absolute, 'utf8').catch(() => undefined);
    if (current === text) continue;
    await mkdir(path.dirname(absolute), { recursive: true });
    const temporary = `${absolute}.${process.pid}.tmp`;
    await writeFile(temporary, text);
    await rename(temporary, absolute);
    written.push(file);
  }
  return written;
}

function fragmentText(content: Record<string, unknown>): string {
  const { template, ...frontMatter } = content;
  const body = String(template ?? '');
  // A template that itself starts with a `---` line needs (empty) front matter before it, or it
  // would be read back as front matter.
  if (Object.keys(frontMatter).length === 0 && !/^---[ \t]*(\r?\n|$)/.test(body)) return body;
  const yaml = Object.keys(frontMatter).length === 0 ? '' : yamlText(frontMatter);
  return `---\n${yaml}---\n${body}`;
}

function yamlText(value: unknown, comment?: string): string {
  const document = new Document(value);
  if (comment) document.commentBefore = ` ${comment}`;
  return document.toString({ lineWidth: 0, blockQuote: 'literal' });
}
