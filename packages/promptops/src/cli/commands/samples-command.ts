import { parseVersionNumber } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import {
  listSamples,
  RATINGS,
  type Rating,
  rateSample,
  type SampleOutcome,
  type SampleReviewDeps,
  sampleScores,
  showSample,
} from '../../evaluation/continuous/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { toJson } from '../format.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { withProjectRuntime } from '../project-runtime.ts';
import { formatSample, formatScores, sampleRows } from './samples-format.ts';

const USAGE =
  'samples list [NAME] [--version N] [--unrated] [--limit N] | samples show ID | samples rate ID good|bad [--comment TEXT] | samples score [--scripted-model FILE] | samples stats NAME';

export const samplesCommand: Command = {
  name: 'samples',
  summary:
    'Continuous evaluation: sampled live runs, their online scores, the review queue and scores per version',
  usage: USAGE,
  options: {
    version: { type: 'string' },
    unrated: { type: 'boolean' },
    limit: { type: 'string' },
    comment: { type: 'string' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'list|show|rate|score|stats', USAGE);
    const print = (json: unknown, text: string) => context.stdout(context.json ? `${toJson(json)}\n` : text);
    const withDeps = <T>(work: (deps: SampleReviewDeps, principal: Principal) => Promise<T>) =>
      context.withCatalog((_catalog, db, _handle, { principal }) => work({ db }, principal));
    if (subcommand === 'list') {
      const name = parsed.positionals[1];
      rejectExtraPositionals(parsed, 2, USAGE);
      const version = stringOption(parsed, 'version');
      const limit = stringOption(parsed, 'limit');
      if (version !== undefined && name === undefined) {
        throw new PromptopsError('invalid_argument', '--version needs a prompt NAME', {
          parameter: 'version',
        });
      }
      const samples = await withDeps((deps, principal) =>
        listSamples(deps, principal, {
          ...(name !== undefined && { prompt: name }),
          ...(version !== undefined && { version: parseVersionNumber(version, 'version') }),
          unrated: flag(parsed, 'unrated'),
          ...(limit !== undefined && { limit: wholeNumber(limit, 'limit') }),
        }),
      );
      print(samples, `${sampleRows(samples)}\n`);
      return 0;
    }
    if (subcommand === 'show') {
      const id = sampleId(requirePositional(parsed, 1, 'ID', USAGE));
      rejectExtraPositionals(parsed, 2, USAGE);
      const sample = await withDeps((deps, principal) => showSample(deps, principal, id));
      print(sample, formatSample(sample));
      return 0;
    }
    if (subcommand === 'rate') {
      const id = sampleId(requirePositional(parsed, 1, 'ID', USAGE));
      const rating = requirePositional(parsed, 2, 'good|bad', USAGE);
      rejectExtraPositionals(parsed, 3, USAGE);
      if (!RATINGS.includes(rating as Rating)) {
        throw new PromptopsError('invalid_argument', `rate a sample good or bad, not "${rating}"`, {
          parameter: 'rating',
        });
      }
      const comment = stringOption(parsed, 'comment');
      const sample = await withDeps((deps, principal) =>
        rateSample(deps, principal, {
          id,
          rating: rating as Rating,
          ...(comment !== undefined && { comment }),
        }),
      );
      print(sample, `sample ${id} (${sample.prompt} v${sample.version}) rated ${rating}\n`);
      return 0;
    }
    if (subcommand === 'score') {
      rejectExtraPositionals(parsed, 1, USAGE);
      const outcomes = await withProjectRuntime(
        context,
        stringOption(parsed, 'scripted-model'),
        async (runtime, _catalog, principal) => {
          authorize(principal, 'sample-score');
          return runtime.samples.scoreNow();
        },
      );
      print(outcomes, scoreSummary(outcomes));
      return outcomes.some((outcome) => outcome.status === 'failed') ? 1 : 0;
    }
    if (subcommand === 'stats') {
      const name = requirePositional(parsed, 1, 'NAME', USAGE);
      rejectExtraPositionals(parsed, 2, USAGE);
      const scores = await withDeps((deps, principal) => sampleScores(deps, principal, name));
      print(scores, `${formatScores(name, scores)}\n`);
      return 0;
    }
    throw new PromptopsError(
      'invalid_argument',
      `unknown samples subcommand "${subcommand}"; usage: promptops ${USAGE}`,
      {
        parameter: 'subcommand',
      },
    );
  },
};

function sampleId(text: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
    throw new PromptopsError(
      'invalid_argument',
      `sample ID "${text}" is not a number (samples list shows them)`,
      {
        parameter: 'ID',
      },
    );
  }
  return Number(text);
}

function wholeNumber(text: string, parameter: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1) {
    throw new PromptopsError('invalid_argument', `--${parameter} must be a whole number from 1`, {
      parameter,
    });
  }
  return Number(text);
}

function scoreSummary(outcomes: readonly SampleOutcome[]): string {
  const count = (status: SampleOutcome['status']) =>
    outcomes.filter((outcome) => outcome.status === status).length;
  const lines = outcomes
    .filter((outcome) => outcome.error !== null)
    .map(
      (outcome) =>
        `sample ${outcome.id} (${outcome.prompt} v${outcome.version}) ${outcome.status}: ${outcome.error}\n`,
    );
  return `${lines.join('')}${outcomes.length} sample(s) scored now: ${count('scored')} scored, ${count('pending')} to retry, ${count('failed')} given up\n`;
}
