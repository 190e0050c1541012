import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { issueLines } from '../../../test/support/issue-lines.ts';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadSuiteFile } from './load-suite-file.ts';
import { loadSuites } from './load-suites.ts';

const file = 'evals/support/triage.yaml';
const { project, load } = useFileLoader(file, loadSuiteFile);

const SUITE = `description: Triage
target: { prompt: support/classify-intent }
kind: unit
class_path: $.intent
defaults:
  variables: { company_name: Acme, customer_message: default text }
  assert:
    - { type: is-json }
cases:
  - id: late
    variables: { customer_message: Where is my parcel? }
    expected_class: order_tracking
    assert:
      - { type: json-path, path: $.intent, equals: order_tracking }
  - variables: { company_name: Globex }
    tags: [other]
`;

/** `file:line:column (field): message`, for issues in several files. */
const locatedLines = (error: Awaited<ReturnType<typeof rejection>>) =>
  error.details.issues?.map(
    ({ location, message }) =>
      `${location?.file}:${location?.line}:${location?.column} ${location?.field ?? ''}: ${message}`,
  );

describe('loadSuiteFile', () => {
  it('names the suite by its path and merges defaults into every case', async () => {
    const suite = await load(SUITE);
    expect(suite.name).toBe('support/triage');
    expect(suite.content.repeat).toBe(1);
    expect(suite.cases).toEqual([
      {
        id: 'late',
        variables: { customer_message: 'Where is my parcel?', company_name: 'Acme' },
        assert: [{ type: 'is-json' }, { type: 'json-path', path: '$.intent', equals: 'order_tracking' }],
        tags: [],
        expectedClass: 'order_tracking',
        source: 'evals/support/triage.yaml:10',
      },
      {
        id: 'case-2',
        variables: { company_name: 'Globex', customer_message: 'default text' },
        assert: [{ type: 'is-json' }],
        tags: ['other'],
        source: 'evals/support/triage.yaml:15',
      },
    ]);
  });

  it('locates schema problems at file:line (field), every one in one error', async () => {
    const error = await rejection(
      load(
        SUITE.replace('kind: unit', 'kind: unitt')
          .replace('class_path: $.intent', 'class_path: $..intent\nrepeat: 30')
          .replace('{ type: is-json }', '{ type: contians, value: x }'),
      ),
    );
    expect(error.code).toBe('file_invalid');
    expect(issueLines(error)).toEqual([
      '3 kind: Invalid option: expected one of "unit"|"behavioural"|"adversarial"; did you mean "unit"?',
      expect.stringMatching(/^4 class_path: class_path .*recursive descent/),
      '5 repeat: Too big: expected number to be <=20',
      '9 defaults.assert[0].type: type "contians" is unknown; did you mean "contains"?',
    ]);
  });

  it('refuses unknown keys, both version and environment, and expected_class without class_path', async () => {
    const error = await rejection(
      load(
        SUITE.replace(
          '{ prompt: support/classify-intent }',
          '{ prompt: a/b, version: 2, environment: staging }',
        ).replace('class_path: $.intent\n', 'tresholds: {}\n'),
      ),
    );
    expect(issueLines(error)).toEqual([
      '2 target.environment: give version or environment, not both',
      '4 tresholds: unknown key "tresholds"; did you mean "thresholds"?',
    ]);
    const noClassPath = await rejection(load(SUITE.replace('class_path: $.intent\n', '')));
    expect(issueLines(noClassPath)).toEqual([
      '11 cases[0].expected_class: expected_class needs class_path at the top of the suite (where the class is in the output)',
    ]);
  });

  it('refuses duplicate case ids and a name: key that contradicts the path', async () => {
    const error = await rejection(
      load(`name: other\n${SUITE.replace('  - variables:', '  - id: late\n    variables:')}`),
    );
    expect(issueLines(error)).toEqual([
      '1 name: name "other" does not match the file: evals/support/triage.yaml holds the suite "support/triage"',
      '16 cases[1].id: duplicate case id "late": evals/support/triage.yaml:11 has it',
    ]);
  });

  it('keeps fragment suites render-only', async () => {
    const error = await rejection(
      load(`description: Persona
target: { fragment: support/persona }
kind: behavioural
cases:
  - assert: [{ type: contains, value: Acme }, { type: latency, value: 100 }]
`),
    );
    expect(issueLines(error)).toEqual([
      '3 kind: a fragment suite renders only, with no model call: kind unit',
      '5 cases[0].assert[1].type: latency is about a model run; a fragment suite only renders (use text assertions such as contains)',
    ]);
  });
});

describe('cases_from', () => {
  const withCasesFrom = (files: string) => SUITE.replace('cases:\n', `cases_from: [${files}]\ncases:\n`);

  it('reads CSV rows: variables, __id, __expected_class, __tags and __assert_<type> columns', async () => {
    await project.write({
      'evals/support/extra.csv': [
        'customer_message,__id,__expected_class,__tags,__assert_max-chars,__assert_not-contains',
        '"Refund, please",refund-1,billing,"csv, money",400,sorry',
        ',,returns,,,',
        '',
      ].join('\n'),
    });
    const suite = await load(withCasesFrom('extra.csv'));
    expect(suite.cases.slice(2)).toEqual([
      {
        id: 'refund-1',
        variables: { customer_message: 'Refund, please', company_name: 'Acme' },
        assert: [
          { type: 'is-json' },
          { type: 'max-chars', value: 400 },
          { type: 'not-contains', value: 'sorry' },
        ],
        tags: ['csv', 'money'],
        expectedClass: 'billing',
        source: 'evals/support/extra.csv:2',
      },
      {
        id: 'extra-3',
        variables: { company_name: 'Acme', customer_message: 'default text' },
        assert: [{ type: 'is-json' }],
        tags: [],
        expectedClass: 'returns',
        source: 'evals/support/extra.csv:3',
      },
    ]);
  });

  it('locates bad CSV rows and columns at file:line:column', async () => {
    await project.write({
      'evals/support/extra.csv': ['customer_message,__expected,__assert_max-chars', 'hello,x,400'].join('\n'),
      'evals/support/rows.csv': [
        'customer_message,__id,__assert_contans',
        'hello,bad id,x',
        'only one cell',
        'fine,ok-1,"unclosed',
      ].join('\n'),
    });
    const header = await rejection(load(withCasesFrom('extra.csv')));
    expect(locatedLines(header)).toEqual([
      'evals/support/extra.csv:1:18 __expected: unknown column "__expected"; did you mean "__expected_class"?',
    ]);
    const rows = await rejection(load(withCasesFrom('rows.csv')));
    expect(locatedLines(rows)).toEqual(['evals/support/rows.csv:4:11 : a quoted cell is never closed']);
    await project.write({
      'evals/support/rows.csv': 'customer_message,__id,__assert_contans\nhello,bad id,x\nonly one cell\n',
    });
    const again = await rejection(load(withCasesFrom('rows.csv')));
    expect(locatedLines(again)).toEqual([
      'evals/support/rows.csv:2:7 __id: a case id is letters, digits, "_", ".", ":" and "-", starting with a letter or digit',
      'evals/support/rows.csv:2:14 __assert_contans: type "contans" is unknown; did you mean "contains"?',
      'evals/support/rows.csv:3:1 : the row has 1 cells; the header has 3 columns',
    ]);
  });

  it('reads JSONL lines as case objects and locates bad lines and fields', async () => {
    await project.write({
      'evals/support/more.jsonl': [
        '{"id": "j1", "variables": {"customer_message": "hi"}, "assert": [{"type": "contains", "value": "hello"}]}',
        '',
        '{"variables": {"customer_message": "yo"}, "tags": ["x"]}',
      ].join('\n'),
      'evals/support/bad.jsonl': [
        '{"variables": {"customer_message": "hi"}, "assertions": []}',
        '{"variables": ',
        '{"id": "ok", "assert": [{"type": "json-path", "path": "$.intent"}]}',
      ].join('\n'),
    });
    const suite = await load(withCasesFrom('more.jsonl'));
    expect(suite.cases.slice(2).map((testCase) => [testCase.id, testCase.source, testCase.tags])).toEqual([
      ['j1', 'evals/support/more.jsonl:1', []],
      ['more-3', 'evals/support/more.jsonl:3', ['x']],
    ]);
    const error = await rejection(load(withCasesFrom('bad.jsonl')));
    expect(locatedLines(error)).toEqual([
      'evals/support/bad.jsonl:1:43 assertions: unknown key "assertions"; expected one of: id, description, variables, assert, tags, expected_class',
      'evals/support/bad.jsonl:2:15 : not a JSON object: Unexpected end of JSON input',
      'evals/support/bad.jsonl:3:25 assert[0]: one of equals, in, gte, lte, exists is required',
    ]);
  });

  it('says which case file cannot be read, at the cases_from line', async () => {
    const error = await rejection(load(withCasesFrom('missing.csv, ../../../outside.jsonl')));
    expect(issueLines(error)).toEqual([
      '9 cases_from[0]: cannot read evals/support/missing.csv: cannot read the file: ENOENT',
      '9 cases_from[1]: ../../../outside.jsonl is outside the project folder',
    ]);
  });
});

describe('synthetic', () => {
  const withSynthetic = (entry: string, kind = 'unit') =>
    `${SUITE.replace('kind: unit', `kind: ${kind}`)}synthetic:\n  - ${entry}\n`;

  it('appends variants with ids <case>~<variant>, inheriting assertions by default', async () => {
    const suite = await load(
      withSynthetic('{ from: { cases: [late] }, variants: [typos, casing], seed: 4 }'),
    );
    const variants = suite.cases.slice(2);
    expect(variants.map((testCase) => testCase.id)).toEqual(['late~typos', 'late~casing']);
    expect(variants[0]?.assert).toEqual(suite.cases[0]?.assert);
    expect(variants[0]?.expectedClass).toBe('order_tracking');
    expect(variants[0]?.variables.company_name).toBe('Acme');
    expect(variants[0]?.variables.customer_message).not.toBe('Where is my parcel?');
  });

  it('expects a block or escalation for injection variants of adversarial suites unless expect is given', async () => {
    const adversarial = await load(
      withSynthetic('{ from: { tags: [other] }, variants: [injection, pii] }', 'adversarial'),
    );
    expect(adversarial.cases.slice(2).map((testCase) => testCase.assert)).toEqual([
      [{ type: 'is-json' }, { type: 'status', value: ['blocked', 'escalated'] }],
      [{ type: 'is-json' }],
    ]);
    const declared = await load(
      withSynthetic(
        '{ from: { tags: [other] }, variants: [injection], expect: { assert: [{ type: guard }] } }',
        'adversarial',
      ),
    );
    expect(declared.cases[2]?.assert).toEqual([{ type: 'is-json' }, { type: 'guard' }]);
  });

  it('locates entries that match nothing or name a missing variable', async () => {
    const error = await rejection(
      load(withSynthetic('{ from: { cases: [nope] }, variants: [typos], field: missing }')),
    );
    expect(issueLines(error)).toEqual([
      '18 synthetic[0].from: no case matches these ids or tags',
      '18 synthetic[0].from.cases: no case has the id "nope"',
    ]);
    const field = await rejection(
      load(withSynthetic('{ from: { cases: [late] }, variants: [typos], field: other }')),
    );
    expect(issueLines(field)).toEqual([
      '18 synthetic[0].field: case "late" has no string variable "other" to vary',
    ]);
  });
});

describe('loadSuites', () => {
  const example = path.resolve(import.meta.dirname, '../../../../../examples/acme-support');

  it('loads every example suite, CSV cases and synthetic variants included', async () => {
    const suites = await loadSuites(example);
    const counts = Object.fromEntries(suites.map((suite) => [suite.name, suite.cases.length]));
    expect(counts).toEqual({
      'support/adversarial': 27,
      'support/behavioural': 13,
      'support/fragments': 4,
      'support/intents': 72,
    });
    const intents = suites.find((suite) => suite.name === 'support/intents');
    expect(intents?.cases.filter((testCase) => testCase.source.endsWith('.csv:2'))).toHaveLength(1);
    const written = intents?.cases.filter((testCase) => !testCase.tags.includes('synthetic')) ?? [];
    expect(new Set(written.flatMap((testCase) => testCase.expectedClass ?? []))).toEqual(
      new Set([
        'order_tracking',
        'returns',
        'billing',
        'technical',
        'product_questions',
        'account',
        'general',
      ]),
    );
  });

  it('names the suites policies.yaml requires', async () => {
    const names = (await loadSuites(example, ['evals/support'])).map((suite) => suite.name);
    expect(names).toEqual(expect.arrayContaining(['support/behavioural', 'support/adversarial']));
  });

  it('reports misnamed files and problems in several suites in one error', async () => {
    await project.write({
      'evals/a.yml': 'description: x\n',
      'evals/b.yaml': 'description: x\n',
      'evals/notes.txt': 'hi',
    });
    const error = await rejection(loadSuites(project.root));
    expect(locatedLines(error)).toEqual([
      'evals/a.yml:undefined:undefined : unexpected file: suite files end in .yaml (rename to evals/a.yaml)',
      'evals/b.yaml:1:1 target: Invalid input: expected object, received undefined',
      'evals/b.yaml:1:1 kind: Invalid option: expected one of "unit"|"behavioural"|"adversarial"',
      'evals/notes.txt:undefined:undefined : unexpected file: evals/ holds suites (.yaml) and their case files (.csv, .jsonl)',
    ]);
  });
});
