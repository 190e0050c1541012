import { parseVersionNumber } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { KIND_OPTION, resolveKind } from './artifact-kind.ts';
import { ADD_CASE_OPTIONS, ADD_CASE_USAGE, runAddCase } from './evals-add-case.ts';
import { CANDIDATES_USAGE, runCandidates } from './evals-candidates.ts';
import { runSynthesize, SYNTHESIZE_OPTIONS, SYNTHESIZE_USAGE } from './evals-synthesize.ts';

const wholeNumber = (text: string | undefined, parameter: string): number => {
  if (text === undefined || !/^\d{1,9}$/.test(text)) {
    throw new PromptopsError('invalid_argument', `--${parameter} must be a whole number`, { parameter });
  }
  return Number(text);
};

const RECORD_USAGE = 'evals record NAME --version N --suite SUITE --passed P --total T [--kind K]';

export const evalsCommand: Command = {
  name: 'evals',
  summary:
    "Record an eval suite result on a version (the evidence approval gates read), have a model write variants of a suite's cases for review, or turn a run, sample or failed case into a case",
  usage: `${RECORD_USAGE} | ${SYNTHESIZE_USAGE} | ${ADD_CASE_USAGE} | ${CANDIDATES_USAGE}`,
  options: {
    version: { type: 'string' },
    suite: { type: 'string' },
    passed: { type: 'string' },
    total: { type: 'string' },
    ...KIND_OPTION,
    ...SYNTHESIZE_OPTIONS,
    ...ADD_CASE_OPTIONS,
    state: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'record|synthesize|add-case|candidates', this.usage);
    if (subcommand === 'synthesize') return runSynthesize(context, parsed);
    if (subcommand === 'add-case') return runAddCase(context, parsed);
    if (subcommand === 'candidates') return runCandidates(context, parsed);
    if (subcommand !== 'record') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown evals subcommand "${subcommand}"; usage: promptops ${this.usage}`,
        {
          parameter: 'subcommand',
        },
      );
    }
    const name = requirePositional(parsed, 1, 'NAME', RECORD_USAGE);
    rejectExtraPositionals(parsed, 2, RECORD_USAGE);
    const suite = stringOption(parsed, 'suite');
    if (!suite) throw new PromptopsError('invalid_argument', '--suite is required', { parameter: 'suite' });
    const version = parseVersionNumber(stringOption(parsed, 'version') ?? '', 'version');
    const passed = wholeNumber(stringOption(parsed, 'passed'), 'passed');
    const total = wholeNumber(stringOption(parsed, 'total'), 'total');
    const result = await context.withCatalog(async (catalog, _db, _handle, { principal, governance }) =>
      governance.evals.record(principal, {
        kind: await resolveKind(catalog, name, stringOption(parsed, 'kind')),
        name,
        version,
        suite,
        passed,
        total,
      }),
    );
    context.stdout(
      context.json ? `${toJson(result)}\n` : `recorded ${suite} on ${name} v${version}: ${passed}/${total}\n`,
    );
    return 0;
  },
};
