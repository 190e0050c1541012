import path from 'node:path';
import { parseFieldPath } from '../../catalog/files/field-path.ts';
import { filesError, issuesOf, type LocatedIssue } from '../../catalog/files/file-issues.ts';
import { readTextFile } from '../../catalog/files/read-text-file.ts';
import { checkFile } from '../../catalog/files/validate-file.ts';
import { parseYamlDocument, type YamlDocument } from '../../catalog/files/yaml-document.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { SuiteCase } from '../eval-types.ts';
import { addSyntheticCases } from './add-synthetic-cases.ts';
import type { CaseRecord } from './case-record.ts';
import { checkSuiteRules, runOnlyProblem } from './check-suite-rules.ts';
import { expandCases } from './expand-cases.ts';
import { type CaseFileRead, readCsvCases } from './read-csv-cases.ts';
import { readJsonlCases } from './read-jsonl-cases.ts';
import { SuiteFile } from './suite-file.ts';
import { nameSuite } from './suite-name.ts';

export interface LoadedSuite {
  /** The path under evals/ without the extension: `support/intents`. */
  name: string;
  /** Relative to the project folder: `evals/support/intents.yaml`. */
  file: string;
  content: SuiteFile;
  /** Every case to run: written, then from cases_from files, then synthetic; defaults applied. */
  cases: SuiteCase[];
  locate: YamlDocument['locate'];
}

/** Reads a case file named by `cases_from`, relative to the project folder. */
export type ReadCaseFile = (file: string) => Promise<string>;

/**
 * Reads `evals/<name>.yaml` with its case files. Every problem (YAML, schema, assertion fields,
 * CSV/JSONL rows, duplicate ids, synthetic entries) comes back in one `file_invalid` error, each
 * located at file:line:column (field).
 * @example const suite = await loadSuiteFile('/repo/acme-support', 'evals/support/intents.yaml'); suite.cases.length
 */
export async function loadSuiteFile(projectRoot: string, file: string): Promise<LoadedSuite> {
  return parseSuiteFile(await readTextFile(projectRoot, file), file, (caseFile) =>
    readTextFile(projectRoot, caseFile),
  );
}

/** `loadSuiteFile` for text in hand; `readCaseFile` reads what `cases_from` names. */
export async function parseSuiteFile(
  text: string,
  file: string,
  readCaseFile: ReadCaseFile,
): Promise<LoadedSuite> {
  const document = parseYamlDocument(text, { file });
  const named = nameSuite(document);
  const check = checkFile(SuiteFile, document, named.data);
  if (!check.ok) throw filesError([...named.issues, ...check.issues]);
  const content = check.value;
  const issues = [...named.issues, ...checkSuiteRules(content, document)];

  const records: CaseRecord[] = content.cases.map((spec, index) => ({
    spec,
    source: `${file}:${document.locate(['cases', index]).line}`,
    fallbackId: `case-${index + 1}`,
    locate: (field) =>
      document.locate(['cases', index, ...(typeof field === 'string' ? parseFieldPath(field) : field)]),
  }));
  for (const [index, caseFile] of content.cases_from.entries()) {
    const read = await readCases(file, caseFile, readCaseFile, document.locate(['cases_from', index]));
    issues.push(...read.issues);
    if ('fragment' in content.target) issues.push(...runOnlyIssues(read.cases));
    records.push(...read.cases);
  }
  if (records.length === 0 && issues.length === 0) {
    issues.push({
      message: 'the suite has no cases: give cases or cases_from',
      location: document.locate(['cases']),
    });
  }
  const expanded = expandCases(content, records);
  const synthetic = addSyntheticCases(content, expanded.cases, document);
  issues.push(...expanded.issues, ...synthetic.issues);
  if (issues.length > 0) throw filesError(issues);
  return { name: named.name, file, content, cases: synthetic.cases, locate: document.locate };
}

async function readCases(
  suiteFile: string,
  caseFile: string,
  readCaseFile: ReadCaseFile,
  where: LocatedIssue['location'],
): Promise<CaseFileRead> {
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(suiteFile), caseFile));
  if (target.startsWith('../') || target === '..') {
    return { cases: [], issues: [{ message: `${caseFile} is outside the project folder`, location: where }] };
  }
  let text: string;
  try {
    text = await readCaseFile(target);
  } catch (error) {
    if (!PromptopsError.isInstance(error)) throw error;
    const reasons = issuesOf(error).map((issue) => issue.message);
    return {
      cases: [],
      issues: [{ message: `cannot read ${target}: ${reasons.join('; ')}`, location: where }],
    };
  }
  return target.endsWith('.csv') ? readCsvCases(text, target) : readJsonlCases(text, target);
}

function runOnlyIssues(records: readonly CaseRecord[]): LocatedIssue[] {
  return records.flatMap((record) =>
    record.spec.assert.flatMap((spec, index) => {
      const problem = runOnlyProblem(spec.type);
      return problem ? [{ message: problem, location: record.locate(['assert', index, 'type']) }] : [];
    }),
  );
}
