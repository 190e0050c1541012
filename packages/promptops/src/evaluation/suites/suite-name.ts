import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import { nameFromFile, nameFromPath } from '../../catalog/files/name-from-path.ts';
import type { YamlDocument } from '../../catalog/files/yaml-document.ts';

/** `evals/support/intents.yaml` holds the suite `support/intents`. */
export const EVALS_FOLDER = 'evals';
export const SUITE_EXTENSION = '.yaml';
/** Files of cases a suite reads with `cases_from`; they live beside the suites. */
export const CASE_FILE_EXTENSIONS = ['.csv', '.jsonl'] as const;

const SUITE_FILES = { folder: EVALS_FOLDER, extension: SUITE_EXTENSION, noun: 'suite' };

/** @example suiteNameFromPath('evals/support/intents.yaml') // 'support/intents' */
export function suiteNameFromPath(file: string): string | undefined {
  return nameFromPath(file, SUITE_FILES);
}

/** The name is the path under evals/; a `name:` key may repeat it but not contradict it. */
export function nameSuite(document: YamlDocument): { name: string; data: unknown; issues: LocatedIssue[] } {
  return nameFromFile(document, SUITE_FILES);
}
