import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import type { SuiteCase } from '../eval-types.ts';
import type { CaseRecord } from './case-record.ts';
import type { SuiteFile } from './suite-file.ts';

export interface ExpandedCases {
  cases: SuiteCase[];
  issues: LocatedIssue[];
}

/**
 * Applies the suite's defaults to every case: variables not given come from defaults.variables (the
 * case's own first, so "the first string variable" is the case's), and defaults.assert come before
 * the case's assertions. Ids are the given ones or the fallback; a repeated id is a problem at the
 * second case, and so is a case with nothing to check.
 */
export function expandCases(content: SuiteFile, records: readonly CaseRecord[]): ExpandedCases {
  const issues: LocatedIssue[] = [];
  const firstSource = new Map<string, string>();
  const cases: SuiteCase[] = [];
  for (const record of records) {
    const { spec } = record;
    const id = spec.id ?? record.fallbackId;
    const seen = firstSource.get(id);
    if (seen !== undefined) {
      issues.push({
        message: `duplicate case id "${id}": ${seen} has it`,
        location: record.locate(spec.id ? ['id'] : []),
      });
      continue;
    }
    firstSource.set(id, record.source);
    const assert = [...content.defaults.assert, ...spec.assert];
    if (assert.length === 0 && spec.expected_class === undefined) {
      issues.push({
        message: 'the case checks nothing: give assert (here or in defaults.assert) or expected_class',
        location: record.locate([]),
      });
    }
    if (spec.expected_class !== undefined && content.class_path === undefined) {
      issues.push({
        message: 'expected_class needs class_path at the top of the suite (where the class is in the output)',
        location: record.locate(['expected_class']),
      });
    }
    cases.push({
      id,
      ...(spec.description ? { description: spec.description } : {}),
      variables: { ...spec.variables, ...withoutKeys(content.defaults.variables, spec.variables) },
      assert,
      tags: spec.tags,
      ...(spec.expected_class !== undefined ? { expectedClass: spec.expected_class } : {}),
      source: record.source,
    });
  }
  return { cases, issues };
}

function withoutKeys(
  values: Record<string, unknown>,
  taken: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([name]) => !Object.hasOwn(taken, name)));
}
