import path from 'node:path';
import { parseFieldPath } from '../../catalog/files/field-path.ts';
import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import { checkFile } from '../../catalog/files/validate-file.ts';
import type { YamlDocument } from '../../catalog/files/yaml-document.ts';
import type { SourceLocation } from '../../errors/index.ts';
import { suggestName } from '../../errors/suggest-name.ts';
import type { CaseRecord } from './case-record.ts';
import { type CsvCell, parseCsv } from './parse-csv.ts';
import { SuiteCaseSpec } from './suite-case-spec.ts';

/** Columns starting with this are read by promptops; every other column is a variable. */
const SPECIAL_PREFIX = '__';
const ASSERT_PREFIX = '__assert_';
const SPECIAL_COLUMNS = ['__id', '__description', '__expected_class', '__tags'] as const;
const NUMBER = /^-?\d+(\.\d+)?$/;

export type CaseFileRead = { cases: CaseRecord[]; issues: LocatedIssue[] };

/**
 * Reads cases from CSV (README.md, "Cases from CSV"): the header row names the columns; each other
 * row is a case. Variable cells are strings and an empty cell leaves the variable to
 * defaults.variables; `__tags` is comma-separated; `__assert_<type>` makes `{ type, value: cell }`,
 * where a cell that is a plain number becomes a number (`__assert_max-chars: 400`).
 */
export function readCsvCases(text: string, file: string): CaseFileRead {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.problem;
    return { cases: [], issues: [{ message, location: { file, line, column } }] };
  }
  const [header, ...rows] = parsed.rows;
  if (!header)
    return { cases: [], issues: [{ message: 'the CSV file has no header row', location: { file } }] };
  const issues = checkHeader(header, file);
  if (issues.length > 0) return { cases: [], issues };

  const stem = path.posix.basename(file).replace(/\.csv$/, '');
  const cases: CaseRecord[] = [];
  for (const row of rows) {
    const rowStart: SourceLocation = { file, line: row[0]?.line ?? 1, column: 1 };
    if (row.length !== header.length) {
      issues.push({
        message: `the row has ${row.length} cells; the header has ${header.length} columns`,
        location: rowStart,
      });
      continue;
    }
    const { data, cellOf } = rowData(header, row);
    const document = rowDocument(file, data, rowStart, (field) => cellOf(field));
    const check = checkFile(SuiteCaseSpec, document);
    if (!check.ok) {
      issues.push(...check.issues);
      continue;
    }
    cases.push({
      spec: check.value,
      source: `${file}:${rowStart.line}`,
      fallbackId: `${stem}-${rowStart.line}`,
      locate: document.locate,
    });
  }
  return { cases, issues };
}

function checkHeader(header: CsvCell[], file: string): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const seen = new Set<string>();
  for (const cell of header) {
    const name = cell.text.trim();
    const at = { file, line: cell.line, column: cell.column, field: name };
    if (name === '') issues.push({ message: 'a column without a name', location: at });
    else if (seen.has(name)) issues.push({ message: `column "${name}" appears twice`, location: at });
    else if (name === ASSERT_PREFIX)
      issues.push({ message: 'name the assertion type: __assert_contains', location: at });
    else if (name.startsWith(SPECIAL_PREFIX) && !name.startsWith(ASSERT_PREFIX) && !isSpecial(name)) {
      const meant = suggestName(name, [...SPECIAL_COLUMNS]);
      issues.push({
        message: `unknown column "${name}"; ${meant ? `did you mean "${meant}"?` : `columns starting with __ are ${SPECIAL_COLUMNS.join(', ')} and __assert_<type>`}`,
        location: at,
      });
    }
    seen.add(name);
  }
  return issues;
}

function isSpecial(name: string): boolean {
  return (SPECIAL_COLUMNS as readonly string[]).includes(name);
}

/** The row as a case object, and which cell each of its fields came from. */
function rowData(header: CsvCell[], row: CsvCell[]) {
  const data: Record<string, unknown> = {};
  const variables: Record<string, string> = {};
  const assert: Record<string, unknown>[] = [];
  const fields = new Map<string, CsvCell & { column: number; name: string }>();
  header.forEach((column, index) => {
    const name = column.text.trim();
    const cell = row[index] as CsvCell;
    if (cell.text === '') return;
    const located = { ...cell, name };
    if (name.startsWith(ASSERT_PREFIX)) {
      const value = NUMBER.test(cell.text.trim()) ? Number(cell.text) : cell.text;
      fields.set(`assert[${assert.length}]`, located);
      assert.push({ type: name.slice(ASSERT_PREFIX.length), value });
    } else if (name === '__tags') {
      fields.set('tags', located);
      data.tags = cell.text
        .split(',')
        .map((tag) => tag.trim())
        .filter((tag) => tag !== '');
    } else if (isSpecial(name)) {
      fields.set(name.slice(SPECIAL_PREFIX.length), located);
      data[name.slice(SPECIAL_PREFIX.length)] = cell.text.trim();
    } else {
      fields.set(`variables.${name}`, located);
      variables[name] = cell.text;
    }
  });
  data.variables = variables;
  if (assert.length > 0) data.assert = assert;
  const cellOf = (field: readonly (string | number)[]) => {
    const [head, second] = field;
    const key =
      head === 'assert' ? `assert[${second}]` : head === 'variables' ? `variables.${second}` : String(head);
    return fields.get(key);
  };
  return { data, cellOf };
}

/** A stand-in for a YAML document, so the Zod issues of a row are located at its cells. */
function rowDocument(
  file: string,
  data: unknown,
  rowStart: SourceLocation,
  cellOf: (field: readonly (string | number)[]) => (CsvCell & { name: string }) | undefined,
): YamlDocument {
  return {
    file,
    data,
    locate(field) {
      const cell = cellOf(typeof field === 'string' ? parseFieldPath(field) : field);
      return cell ? { file, line: cell.line, column: cell.column, field: cell.name } : rowStart;
    },
  };
}
