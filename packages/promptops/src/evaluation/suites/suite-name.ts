import { isArtifactName } from '../../catalog/content/names.ts';
import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import type { YamlDocument } from '../../catalog/files/yaml-document.ts';

/** `evals/support/intents.yaml` holds the suite `support/intents`. */
export const EVALS_FOLDER = 'evals';
export const SUITE_EXTENSION = '.yaml';
/** Files of cases a suite reads with `cases_from`; they live beside the suites. */
export const CASE_FILE_EXTENSIONS = ['.csv', '.jsonl'] as const;

/** @example suiteNameFromPath('evals/support/intents.yaml') // 'support/intents' */
export function suiteNameFromPath(file: string): string | undefined {
  if (!file.startsWith(`${EVALS_FOLDER}/`) || !file.endsWith(SUITE_EXTENSION)) return undefined;
  return file.slice(EVALS_FOLDER.length + 1, -SUITE_EXTENSION.length);
}

/** The name is the path under evals/; a `name:` key may repeat it but not contradict it. */
export function nameSuite(document: YamlDocument): { name: string; data: unknown; issues: LocatedIssue[] } {
  const { file, data } = document;
  const name = suiteNameFromPath(file) ?? '';
  const issues: LocatedIssue[] = [];
  if (suiteNameFromPath(file) === undefined) {
    issues.push({ message: 'a suite file belongs under evals/ and ends in .yaml', location: { file } });
  } else if (!isArtifactName(name)) {
    issues.push({
      message: `the path makes the suite name "${name}", which is not a valid name: use lower-case letters, digits, "-" and "_", with "/" between folders`,
      location: { file },
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || !Object.hasOwn(data, 'name')) {
    return { name, data, issues };
  }
  const { name: written, ...rest } = data as Record<string, unknown>;
  if (written !== name) {
    issues.push({
      message: `name ${JSON.stringify(written)} does not match the file: ${file} holds the suite "${name}"`,
      location: document.locate(['name']),
    });
  }
  return { name, data: rest, issues };
}
