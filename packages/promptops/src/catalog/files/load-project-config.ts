import { access } from 'node:fs/promises';
import path from 'node:path';
import { PromptopsError } from '../../errors/index.ts';
import { ProjectConfig } from './project-config.ts';
import { readTextFile } from './read-text-file.ts';
import { validateFile } from './validate-file.ts';
import { parseYamlDocument } from './yaml-document.ts';

export const PROJECT_CONFIG_FILE = 'promptops.yaml';

/**
 * Reads `<dir>/promptops.yaml`. Problems are one `config_invalid` error naming each line; a missing
 * file is an error naming the folder, since it usually means the command ran in the wrong place.
 * @example const config = await loadProjectConfig('examples/acme-support');
 */
export async function loadProjectConfig(dir: string): Promise<ProjectConfig> {
  const root = path.resolve(dir);
  if (!(await hasProjectConfig(root))) throw projectConfigMissing(root);
  return parseProjectConfig(await readTextFile(root, PROJECT_CONFIG_FILE, 'config_invalid'));
}

/** `loadProjectConfig` for text in hand. */
export function parseProjectConfig(text: string, file = PROJECT_CONFIG_FILE): ProjectConfig {
  return validateFile(
    ProjectConfig,
    parseYamlDocument(text, { file, code: 'config_invalid' }),
    'config_invalid',
  );
}

export async function hasProjectConfig(root: string): Promise<boolean> {
  return access(path.join(root, PROJECT_CONFIG_FILE)).then(
    () => true,
    () => false,
  );
}

/** A folder without promptops.yaml: usually the command ran in the wrong place. */
export function projectConfigMissing(root: string): PromptopsError {
  return new PromptopsError(
    'config_invalid',
    `${root} has no ${PROJECT_CONFIG_FILE}: run the command in a promptops project folder, or create one with \`promptops init\``,
    { location: { file: PROJECT_CONFIG_FILE }, folder: root },
  );
}
