import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isSeq, parseDocument } from 'yaml';
import { readTextFile } from '../../catalog/files/read-text-file.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { AssertionSpec } from '../../evaluation/eval-types.ts';
import {
  auditCaseAdded,
  buildCase,
  type CaseLine,
  type CaseSource,
  type CaseSourceRef,
  checkSuiteName,
  decideEvalCase,
  type ExpectedOutcome,
  readCaseSource,
  showEvalCaseCandidate,
  type VariablesFrom,
} from '../../evaluation/feedback/index.ts';
import { type LoadedSuite, loadSuiteFile, parseSuiteFile } from '../../evaluation/suites/index.ts';
import type { CommandContext, ParsedArguments } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';

export const ADD_CASE_USAGE =
  'evals add-case SUITE (--from-run ID | --from-sample ID | --from-eval [SUITE:]CASE | --from-candidate ID) [--expect TYPE:VALUE|JSON]... [--expect-class CLASS] [--var NAME=VALUE]... [--variables JSON] [--id ID] [--description TEXT] [--file FILE.jsonl]';

export const ADD_CASE_OPTIONS = {
  'from-run': { type: 'string' },
  'from-sample': { type: 'string' },
  'from-eval': { type: 'string' },
  'from-candidate': { type: 'string' },
  expect: { type: 'string', multiple: true },
  'expect-class': { type: 'string' },
  var: { type: 'string', multiple: true },
  variables: { type: 'string' },
  id: { type: 'string' },
  description: { type: 'string' },
  file: { type: 'string' },
} as const;

const SOURCES = ['from-run', 'from-sample', 'from-eval', 'from-candidate'] as const;

/**
 * `promptops evals add-case SUITE`: turns a run record, a review-queue sample, a failed eval case
 * or a case proposed over REST into a case with the expected outcome the reviewer gives, appended
 * to the suite's JSONL case file in the project folder (the first `.jsonl` in `cases_from`, or
 * `--file`; a new file is added to `cases_from`). The suite is read back with the case before
 * anything is written, so a duplicate id or a bad assertion changes nothing. The case reaches a
 * gate only through the files: reviewed and merged like any other change to the suite.
 */
export async function runAddCase(context: CommandContext, parsed: ParsedArguments): Promise<number> {
  const given = requirePositional(parsed, 1, 'SUITE', ADD_CASE_USAGE);
  rejectExtraPositionals(parsed, 2, ADD_CASE_USAGE);
  const root = findProjectRoot(context.cwd);
  if (!root) {
    throw new PromptopsError(
      'config_invalid',
      `no promptops.yaml in ${context.cwd} or above: suites belong to a project`,
      {
        location: { file: path.resolve(context.cwd, 'promptops.yaml') },
      },
    );
  }
  const chosen = SOURCES.filter((name) => stringOption(parsed, name) !== undefined);
  if (chosen.length !== 1) {
    throw new PromptopsError(
      'invalid_argument',
      `give exactly one of --from-run, --from-sample, --from-eval, --from-candidate; usage: promptops ${ADD_CASE_USAGE}`,
      { parameter: 'from' },
    );
  }
  const [option] = chosen as [(typeof SOURCES)[number]];
  const value = stringOption(parsed, option) as string;
  const suite = await loadSuiteFile(root, suiteFile(root, context.cwd, given));
  const target = 'prompt' in suite.content.target ? suite.content.target.prompt : undefined;

  const added = await context.withCatalog(async (_catalog, db, _handle, { principal }) => {
    if (option === 'from-candidate') {
      if (listOption(parsed, 'expect').length > 0 || stringOption(parsed, 'expect-class') !== undefined) {
        throw new PromptopsError(
          'invalid_argument',
          'a proposed case brings its expected outcome; drop --expect',
          {
            parameter: 'expect',
          },
        );
      }
      const candidate = await showEvalCaseCandidate({ db }, principal, wholeNumber(value, option));
      if (candidate.state !== 'proposed') {
        throw new PromptopsError(
          'conflict',
          `proposed case ${candidate.id} was already ${candidate.state} by ${candidate.decidedBy} (${candidate.decision})`,
          { candidate: candidate.id, state: candidate.state },
        );
      }
      requireTarget(target, candidate.prompt, suite);
      const planned = await plan(root, suite, candidate.case, stringOption(parsed, 'file'));
      await decideEvalCase({ db }, principal, { id: candidate.id, state: 'added', decision: planned.file });
      await planned.write();
      return { ...planned, testCase: candidate.case, variablesFrom: candidate.variablesFrom };
    }
    const choices = {
      expected: expectedOutcome(parsed),
      ...variablesOption(parsed),
      ...(stringOption(parsed, 'id') !== undefined && { id: stringOption(parsed, 'id') as string }),
      ...(stringOption(parsed, 'description') !== undefined && {
        description: stringOption(parsed, 'description') as string,
      }),
    };
    let source: CaseSource;
    let suiteVariables: Record<string, unknown> | undefined;
    if (option === 'from-eval') {
      const found = await evalCaseSource(root, suite, value);
      source = found.source;
      suiteVariables = found.variables;
    } else {
      const from: CaseSourceRef =
        option === 'from-run' ? { run: value } : { sample: wholeNumber(value, option) };
      source = await readCaseSource(db, principal, from, 'eval-case-propose');
    }
    requireTarget(target, source.prompt, suite);
    const { testCase, variablesFrom } = buildCase(source, choices, principal.actor, suiteVariables);
    const planned = await plan(root, suite, testCase, stringOption(parsed, 'file'));
    await auditCaseAdded({ db }, principal, {
      prompt: source.prompt,
      suite: suite.name,
      caseId: testCase.id,
      source: { kind: source.kind, ...source.reference },
      file: planned.file,
    });
    await planned.write();
    return { ...planned, testCase, variablesFrom };
  });

  if (context.json) {
    context.stdout(
      `${toJson({ suite: suite.name, file: added.file, casesFromAdded: added.casesFromAdded, variablesFrom: added.variablesFrom, case: added.testCase })}\n`,
    );
    return 0;
  }
  context.stdout(
    `added case ${added.testCase.id} to ${added.file}${added.casesFromAdded ? ` (now in ${suite.file} cases_from)` : ''}\n` +
      `variables: ${describeVariables(added.variablesFrom)}\n` +
      `review the case and commit it: the suite's gate reads it once the change is merged\n`,
  );
  return 0;
}

interface PlannedWrite {
  /** The case file, relative to the project folder. */
  file: string;
  casesFromAdded: boolean;
  write(): Promise<void>;
}

/**
 * The suite's files with the case appended, read back as `promptops test` reads them before
 * anything is written: an id the suite already has, or an expected class without `class_path`,
 * fails here with the usual located problems and leaves the files as they were.
 */
async function plan(
  root: string,
  suite: LoadedSuite,
  testCase: CaseLine,
  given?: string,
): Promise<PlannedWrite> {
  const folder = path.posix.dirname(suite.file);
  const jsonl = suite.content.cases_from.filter((entry) => entry.endsWith('.jsonl'));
  const stem = path.posix.basename(suite.file, '.yaml');
  const entry = given ?? jsonl[0] ?? `${stem}.cases.jsonl`;
  if (
    !entry.endsWith('.jsonl') ||
    entry.startsWith('/') ||
    entry.includes('\\') ||
    entry.split('/').includes('..')
  ) {
    throw new PromptopsError(
      'invalid_argument',
      `--file is a .jsonl file beside the suite (like ${stem}.cases.jsonl), not ${entry}`,
      {
        parameter: 'file',
      },
    );
  }
  const file = path.posix.join(folder, entry);
  const casesFromAdded = !suite.content.cases_from.includes(entry);
  const suiteText = await readTextFile(root, suite.file);
  const newSuiteText = casesFromAdded ? withCaseFile(suiteText, entry) : suiteText;
  const existing = await readTextFile(root, file).catch((error: unknown) => {
    if (PromptopsError.isInstance(error) && !casesFromAdded) throw error;
    return '';
  });
  const newCases = `${existing}${existing === '' || existing.endsWith('\n') ? '' : '\n'}${JSON.stringify(testCase)}\n`;
  await parseSuiteFile(newSuiteText, suite.file, (caseFile) =>
    caseFile === file ? Promise.resolve(newCases) : readTextFile(root, caseFile),
  );
  return {
    file,
    casesFromAdded,
    async write() {
      await writeFile(path.join(root, file), newCases);
      if (casesFromAdded) await writeFile(path.join(root, suite.file), newSuiteText);
    },
  };
}

/** The suite file with `entry` appended to `cases_from` (comments and layout kept). */
function withCaseFile(text: string, entry: string): string {
  const document = parseDocument(text);
  const list = document.get('cases_from');
  if (isSeq(list)) list.add(entry);
  else document.set('cases_from', [entry]);
  return document.toString();
}

/** `--from-eval CASE` (a case of SUITE) or `OTHER/SUITE:CASE`: its variables from the suite file. */
async function evalCaseSource(
  root: string,
  suite: LoadedSuite,
  given: string,
): Promise<{ source: CaseSource; variables: Record<string, unknown> }> {
  const split = given.lastIndexOf(':');
  if (split > 0) checkSuiteName(given.slice(0, split));
  const from =
    split > 0 ? await loadSuiteFile(root, path.posix.join('evals', `${given.slice(0, split)}.yaml`)) : suite;
  const caseId = split > 0 ? given.slice(split + 1) : given;
  const found = from.cases.find((item) => item.id === caseId);
  if (!found) {
    throw new PromptopsError('invalid_argument', `suite ${from.name} has no case ${caseId}`, {
      parameter: 'from-eval',
    });
  }
  const target = from.content.target;
  if (!('prompt' in target)) {
    throw new PromptopsError(
      'invalid_argument',
      `suite ${from.name} tests a fragment; a case needs a prompt`,
      {
        parameter: 'from-eval',
      },
    );
  }
  return {
    source: {
      kind: 'evalCase',
      reference: { suite: from.name, case: caseId, prompt: target.prompt, version: null },
      prompt: target.prompt,
      version: null,
      input: null,
      output: null,
      label: `case ${caseId} of ${from.name} (${found.source})`,
    },
    variables: found.variables,
  };
}

function requireTarget(target: string | undefined, prompt: string, suite: LoadedSuite): void {
  if (target !== prompt) {
    throw new PromptopsError(
      'invalid_argument',
      `suite ${suite.name} tests ${target === undefined ? 'a fragment' : target}, not ${prompt}: choose a suite of ${prompt}`,
      { parameter: 'SUITE' },
    );
  }
}

function expectedOutcome(parsed: ParsedArguments): ExpectedOutcome {
  const assertions = listOption(parsed, 'expect').map(parseExpectation);
  const expectedClass = stringOption(parsed, 'expect-class');
  return {
    ...(assertions.length > 0 && { assert: assertions }),
    ...(expectedClass !== undefined && { expected_class: expectedClass }),
  };
}

/** `icontains:refund`, `max-words:80`, `is-json`, or a whole assertion as JSON. */
function parseExpectation(text: string): AssertionSpec {
  if (text.trim().startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as AssertionSpec;
    } catch {
      // Reported below.
    }
    throw new PromptopsError('invalid_argument', `--expect ${text} is not a JSON object`, {
      parameter: 'expect',
    });
  }
  const split = text.indexOf(':');
  if (split < 0) return { type: text } as AssertionSpec;
  const raw = text.slice(split + 1);
  const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  return { type: text.slice(0, split), value } as AssertionSpec;
}

function variablesOption(parsed: ParsedArguments): { variables?: Record<string, unknown> } {
  const json = stringOption(parsed, 'variables');
  const pairs = listOption(parsed, 'var');
  if (json === undefined && pairs.length === 0) return {};
  const variables: Record<string, unknown> = json === undefined ? {} : jsonObject(json);
  for (const pair of pairs) {
    const split = pair.indexOf('=');
    if (split < 1) {
      throw new PromptopsError('invalid_argument', `--var ${pair}: expected NAME=VALUE`, {
        parameter: 'var',
      });
    }
    variables[pair.slice(0, split)] = pair.slice(split + 1);
  }
  return { variables };
}

function jsonObject(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PromptopsError('invalid_argument', '--variables is a JSON object: {"customer_message": "…"}', {
      parameter: 'variables',
    });
  }
  return value as Record<string, unknown>;
}

function wholeNumber(text: string, parameter: string): number {
  if (!/^\d{1,12}$/.test(text) || Number(text) < 1) {
    throw new PromptopsError('invalid_argument', `--${parameter} is a number, not ${text}`, { parameter });
  }
  return Number(text);
}

function suiteFile(root: string, cwd: string, given: string): string {
  const file = given.endsWith('.yaml') ? path.resolve(cwd, given) : path.join(root, 'evals', `${given}.yaml`);
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new PromptopsError('invalid_argument', `${file} is outside the project folder ${root}`, {
      parameter: 'SUITE',
    });
  }
  return relative.split(path.sep).join('/');
}

function describeVariables(from: VariablesFrom): string {
  if (from === 'redacted-input') {
    return "the run's redacted input (personal data appears as its type, e.g. [EMAIL]); edit them if the case needs real-looking text";
  }
  return from === 'suite-case' ? "the eval case's own" : 'as you gave them';
}
