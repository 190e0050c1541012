import { access } from 'node:fs/promises';
import path from 'node:path';
import { readTextFile } from '../../catalog/files/read-text-file.ts';
import { validateFile } from '../../catalog/files/validate-file.ts';
import { parseYamlDocument } from '../../catalog/files/yaml-document.ts';
import { Policies } from './policies-schema.ts';

export const POLICIES_FILE = 'policies.yaml';

/**
 * Reads `<dir>/policies.yaml`; problems are one `config_invalid` error naming each line. A project
 * without the file gets the defaults (every tier needs approvals; high risk needs two and a canary).
 * @example const policies = await loadPolicies('examples/acme-support');
 */
export async function loadPolicies(dir: string): Promise<Policies> {
  const root = path.resolve(dir);
  try {
    await access(path.join(root, POLICIES_FILE));
  } catch {
    return Policies.parse({});
  }
  return parsePolicies(await readTextFile(root, POLICIES_FILE, 'config_invalid'));
}

/** `loadPolicies` for text in hand. An empty file means the defaults. */
export function parsePolicies(text: string, file = POLICIES_FILE): Policies {
  const document = parseYamlDocument(text, { file, code: 'config_invalid' });
  if (document.data === null) return Policies.parse({});
  return validateFile(Policies, document, 'config_invalid');
}
