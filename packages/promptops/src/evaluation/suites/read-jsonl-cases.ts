import path from 'node:path';
import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import { checkFile } from '../../catalog/files/validate-file.ts';
import { parseYamlDocument, type YamlDocument } from '../../catalog/files/yaml-document.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { CaseRecord } from './case-record.ts';
import type { CaseFileRead } from './read-csv-cases.ts';
import { SuiteCaseSpec } from './suite-case-spec.ts';

/**
 * Reads cases from JSONL: each non-blank line is one case object, the same keys as an inline case
 * (`{"variables": {...}, "assert": [...], "expected_class": "billing"}`). Problems name the line and,
 * for a field, its column.
 */
export function readJsonlCases(text: string, file: string): CaseFileRead {
  const stem = path.posix.basename(file).replace(/\.jsonl$/, '');
  const cases: CaseRecord[] = [];
  const issues: LocatedIssue[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((lineText, index) => {
      const line = index + 1;
      if (lineText.trim() === '') return;
      try {
        JSON.parse(lineText);
      } catch (error) {
        issues.push({
          message: jsonProblem(error),
          location: { file, line, column: jsonColumn(error, lineText) },
        });
        return;
      }
      // JSON is YAML: the YAML reader gives every field of the line its column.
      const document = lineDocument(lineText, file, line);
      const check = checkFile(SuiteCaseSpec, document);
      if (!check.ok) {
        issues.push(...check.issues);
        return;
      }
      cases.push({
        spec: check.value,
        source: `${file}:${line}`,
        fallbackId: `${stem}-${line}`,
        locate: document.locate,
      });
    });
  return { cases, issues };
}

function lineDocument(lineText: string, file: string, line: number): YamlDocument {
  try {
    return parseYamlDocument(lineText, { file, firstLine: line });
  } catch (error) {
    if (!PromptopsError.isInstance(error)) throw error;
    return { file, data: JSON.parse(lineText), locate: () => ({ file, line, column: 1 }) };
  }
}

function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `not a JSON object: ${message.replace(/ in JSON at position \d+.*$/s, '').replace(/ \(line \d+ column \d+\)$/, '')}`;
}

/** Node's messages end "(line 1 column 12)" or "at position 11"; a cut-short line ends at its end. */
function jsonColumn(error: unknown, lineText: string): number {
  const message = error instanceof Error ? error.message : '';
  const column = /column (\d+)\)/.exec(message)?.[1];
  if (column) return Number(column);
  const position = /at position (\d+)/.exec(message)?.[1];
  return position ? Number(position) + 1 : lineText.length + 1;
}
