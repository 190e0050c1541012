import { PromptopsError } from '../../errors/index.ts';
import type { AssertionSpec } from '../eval-types.ts';
import { SuiteCaseSpec } from '../suites/suite-case-spec.ts';
import type { CaseSource } from './case-source.ts';

/** The outcome a reviewer expects: assertions, an expected class, or both. */
export interface ExpectedOutcome {
  assert?: AssertionSpec[];
  expected_class?: string;
}

export interface CaseChoices {
  expected: ExpectedOutcome;
  /** The case's variables; required when the source's input was not retained. */
  variables?: Record<string, unknown>;
  id?: string;
  description?: string;
  tags?: string[];
}

/** Where a case's variables came from: the run's redacted input, the person, or the suite file's case. */
export type VariablesFrom = 'redacted-input' | 'supplied' | 'suite-case';

/** One case as a suite's JSONL line holds it (only the keys it has). */
export interface CaseLine {
  id: string;
  description: string;
  variables: Record<string, unknown>;
  assert?: AssertionSpec[];
  expected_class?: string;
  tags: string[];
}

/**
 * The case made from a source and a reviewer's expected outcome, checked as a suite case is (every
 * assertion by its type's own rules), so what is proposed can be written to a case file as it is.
 * Variables are the person's when given, else the source's redacted input; a source whose input
 * was not kept needs them given (the error says so).
 */
export function buildCase(
  source: CaseSource,
  choices: CaseChoices,
  proposer: string,
  suiteVariables?: Record<string, unknown>,
): { testCase: CaseLine; variablesFrom: VariablesFrom } {
  const assertions = choices.expected.assert ?? [];
  if (assertions.length === 0 && choices.expected.expected_class === undefined) {
    throw new PromptopsError(
      'invalid_argument',
      'expected needs assertions (assert) or an expected_class: a case must check something',
      { parameter: 'expected' },
    );
  }
  const given = choices.variables;
  const variables = given ?? suiteVariables ?? source.input;
  if (variables === null || variables === undefined) {
    throw new PromptopsError(
      'invalid_argument',
      `the input of ${source.label} was not retained (only sampled runs keep a redacted input, under promptops.yaml retention.redacted_io${source.kind === 'evalCase' ? '; this server has no suite file with that case' : ''}): give the case's variables`,
      { parameter: 'variables' },
    );
  }
  const variablesFrom: VariablesFrom =
    given !== undefined ? 'supplied' : suiteVariables !== undefined ? 'suite-case' : 'redacted-input';
  const testCase: CaseLine = {
    id: choices.id ?? defaultCaseId(source),
    description: choices.description ?? `From ${source.label}; expected outcome given by ${proposer}.`,
    variables,
    ...(assertions.length > 0 && { assert: assertions }),
    ...(choices.expected.expected_class !== undefined && {
      expected_class: choices.expected.expected_class,
    }),
    tags: [
      ...new Set([source.kind === 'evalCase' ? 'from-eval' : 'from-production', ...(choices.tags ?? [])]),
    ],
  };
  const checked = SuiteCaseSpec.safeParse(testCase);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    const field = issue?.path.length ? requestField(issue.path) : 'expected';
    throw new PromptopsError('invalid_argument', `${field}: ${issue?.message ?? 'invalid case'}`, {
      parameter: field,
    });
  }
  return { testCase, variablesFrom };
}

/** `run-0f3c9a1b2c4d`, `sample-12`, `refund-late.regression`: stable, and a valid case id. */
function defaultCaseId(source: CaseSource): string {
  const id =
    source.kind === 'run'
      ? `run-${String(source.reference.run).slice(0, 12)}`
      : source.kind === 'sample'
        ? `sample-${source.reference.sample}`
        : `${source.reference.case}.regression`;
  return id.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 100);
}

/** A case field as the request names it: `assert.0.value` → `expected.assert[0].value`. */
function requestField(path: readonly PropertyKey[]): string {
  const [head, ...rest] = path.map(String);
  const prefix = head === 'assert' || head === 'expected_class' ? `expected.${head}` : String(head);
  return rest.reduce(
    (field, part) => (/^\d+$/.test(part) ? `${field}[${part}]` : `${field}.${part}`),
    prefix,
  );
}
