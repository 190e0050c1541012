import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import type { YamlDocument } from '../../catalog/files/yaml-document.ts';
import type { AssertionSpec, SuiteCase } from '../eval-types.ts';
import { generateVariants } from './generate-variants.ts';
import type { SuiteFile } from './suite-file.ts';
import type { SyntheticSpec, VariantKind } from './synthetic-spec.ts';

/**
 * What an injection variant of an adversarial suite expects when its entry has no `expect:`: the
 * pipeline stops it (a guard blocks, or the run escalates to a person). Every other variant, and
 * injection variants of unit and behavioural suites, inherit the case's assertions: a typo or a
 * wrapper around the message should not change the answer.
 */
export const INJECTION_EXPECTATION: AssertionSpec = { type: 'status', value: ['blocked', 'escalated'] };

/** Appends each `synthetic` entry's variants after the written cases, in entry then case order. */
export function addSyntheticCases(
  content: SuiteFile,
  cases: readonly SuiteCase[],
  document: YamlDocument,
): { cases: SuiteCase[]; issues: LocatedIssue[] } {
  const issues: LocatedIssue[] = [];
  const all = [...cases];
  const ids = new Set(cases.map((testCase) => testCase.id));
  content.synthetic.forEach((entry, index) => {
    const at = (field: (string | number)[], message: string) =>
      issues.push({ message, location: document.locate(['synthetic', index, ...field]) });
    const chosen = cases.filter(
      (testCase) =>
        entry.from.cases?.includes(testCase.id) ||
        entry.from.tags?.some((tag) => testCase.tags.includes(tag)),
    );
    for (const id of entry.from.cases ?? []) {
      if (!ids.has(id)) at(['from', 'cases'], `no case has the id "${id}"`);
    }
    if (chosen.length === 0) at(['from'], 'no case matches these ids or tags');
    for (const testCase of chosen) {
      const result = generateVariants(testCase, entry.variants, { seed: entry.seed, field: entry.field });
      if (!result.ok) {
        at(entry.field ? ['field'] : ['from'], result.message);
        continue;
      }
      for (const variant of result.cases) {
        if (ids.has(variant.id)) {
          at(['variants'], `duplicate case id "${variant.id}": another synthetic entry makes it too`);
          continue;
        }
        ids.add(variant.id);
        const kind = variant.id.slice(variant.id.lastIndexOf('~') + 1) as VariantKind;
        all.push({ ...variant, assert: expectedAssertions(content, entry, kind, testCase) });
      }
    }
  });
  return { cases: all, issues };
}

function expectedAssertions(
  content: SuiteFile,
  entry: SyntheticSpec,
  kind: VariantKind,
  testCase: SuiteCase,
): AssertionSpec[] {
  if (entry.expect === 'inherit') return [...testCase.assert];
  if (entry.expect) return [...content.defaults.assert, ...entry.expect.assert];
  if (kind === 'injection' && content.kind === 'adversarial') {
    return [...content.defaults.assert, INJECTION_EXPECTATION];
  }
  return [...testCase.assert];
}
