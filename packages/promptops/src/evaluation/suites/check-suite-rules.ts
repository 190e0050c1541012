import type { LocatedIssue } from '../../catalog/files/file-issues.ts';
import type { YamlDocument } from '../../catalog/files/yaml-document.ts';
import type { SuiteFile } from './suite-file.ts';

/** Assertions about a run, which a render-only fragment suite does not have. */
const RUN_ONLY_ASSERTIONS = ['latency', 'cost', 'status', 'guard', 'tool-call', 'is-refusal'];
const CLASS_METRICS = ['accuracy', 'macro_f1'] as const;

/**
 * Rules across fields that the schema cannot say: a fragment suite renders only, so it is a unit
 * suite, runs each case once and asserts on text; classification thresholds need class_path.
 * Assertions of cases from CSV/JSONL files are checked for fragments when they are expanded.
 */
export function checkSuiteRules(content: SuiteFile, document: YamlDocument): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  const at = (field: (string | number)[], message: string) =>
    issues.push({ message, location: document.locate(field) });
  for (const metric of CLASS_METRICS) {
    if (content.thresholds.metrics?.[metric] !== undefined && content.class_path === undefined) {
      at(['thresholds', 'metrics', metric], `${metric} needs class_path (where the class is in the output)`);
    }
  }
  if (!('fragment' in content.target)) return issues;
  if (content.kind !== 'unit') at(['kind'], 'a fragment suite renders only, with no model call: kind unit');
  if (content.repeat > 1) at(['repeat'], 'rendering is deterministic: a fragment suite runs each case once');
  const lists: [(string | number)[], { type: string }[]][] = [
    [['defaults', 'assert'], content.defaults.assert],
    ...content.cases.map((testCase, index): [(string | number)[], { type: string }[]] => [
      ['cases', index, 'assert'],
      testCase.assert,
    ]),
  ];
  for (const [field, specs] of lists) {
    specs.forEach((spec, index) => {
      const problem = runOnlyProblem(spec.type);
      if (problem) at([...field, index, 'type'], problem);
    });
  }
  return issues;
}

/** The problem with an assertion type in a render-only suite, or undefined. */
export function runOnlyProblem(type: string): string | undefined {
  const base = type.replace(/^not-/, '');
  return RUN_ONLY_ASSERTIONS.includes(base)
    ? `${type} is about a model run; a fragment suite only renders (use text assertions such as contains)`
    : undefined;
}
