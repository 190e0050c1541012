import { PromptopsError } from '../../errors/index.ts';
import {
  type ExperimentDeps,
  listExperimentViews,
  showExperiment,
  startExperiment,
  stopExperiment,
} from '../../evaluation/experiments/index.ts';
import type { Principal } from '../../governance/access/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { experimentRows, formatExperiment } from './experiments-format.ts';

const USAGE =
  'experiments start NAME --metric METRIC --min-per-arm N --max-duration 14d --reason TEXT [--environment production] [--direction higher|lower] [--alpha 0.05] [--guardrail METRIC]... [--guardrail-alpha 0.01] | experiments list [NAME] [--state running|concluded|interrupted|stopped] [--limit N] | experiments show ID | experiments stop ID --reason TEXT';

export const experimentsCommand: Command = {
  name: 'experiments',
  summary:
    'A/B experiments between the stable and canary versions: a goal metric, a fixed-horizon stopping rule and a result (docs/experiments.md)',
  usage: USAGE,
  options: {
    metric: { type: 'string' },
    'min-per-arm': { type: 'string' },
    'max-duration': { type: 'string' },
    environment: { type: 'string' },
    direction: { type: 'string' },
    alpha: { type: 'string' },
    guardrail: { type: 'string', multiple: true },
    'guardrail-alpha': { type: 'string' },
    reason: { type: 'string' },
    state: { type: 'string' },
    limit: { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'start|list|show|stop', USAGE);
    const print = (json: unknown, text: string) => context.stdout(context.json ? `${toJson(json)}\n` : text);
    const withDeps = <T>(work: (deps: ExperimentDeps, principal: Principal) => Promise<T>) =>
      context.withCatalog((_catalog, db, _handle, { principal }) => work({ db }, principal));
    if (subcommand === 'start') {
      const name = requirePositional(parsed, 1, 'NAME', USAGE);
      rejectExtraPositionals(parsed, 2, USAGE);
      const required = (option: string) => {
        const value = stringOption(parsed, option);
        if (value === undefined) {
          throw new PromptopsError(
            'invalid_argument',
            `experiments start needs --${option}; usage: promptops ${USAGE}`,
            {
              parameter: option,
            },
          );
        }
        return value;
      };
      const direction = stringOption(parsed, 'direction');
      const alpha = stringOption(parsed, 'alpha');
      const guardrailAlpha = stringOption(parsed, 'guardrail-alpha');
      const guardrails = listOption(parsed, 'guardrail')
        .flatMap((item) => item.split(','))
        .map((item) => item.trim());
      const experiment = await withDeps((deps, principal) =>
        startExperiment(deps, principal, {
          prompt: name,
          environment: stringOption(parsed, 'environment') ?? 'production',
          metric: required('metric'),
          minPerArm: wholeNumber(required('min-per-arm'), 'min-per-arm'),
          maxDuration: required('max-duration'),
          reason: required('reason'),
          ...(direction !== undefined && { direction }),
          ...(alpha !== undefined && { alpha: fraction(alpha, 'alpha') }),
          ...(guardrails.length > 0 && { guardrails }),
          ...(guardrailAlpha !== undefined && {
            guardrailAlpha: fraction(guardrailAlpha, 'guardrail-alpha'),
          }),
        }),
      );
      print(
        experiment,
        `experiment #${experiment.id} started: ${experiment.prompt} in ${experiment.environment}, v${experiment.controlVersion} (stable) vs v${experiment.treatmentVersion} (canary) on ${experiment.metric}; concludes at ${experiment.stoppingRule.minPerArm} per arm or by ${experiment.stoppingRule.endsBy}\n`,
      );
      return 0;
    }
    if (subcommand === 'list') {
      const name = parsed.positionals[1];
      rejectExtraPositionals(parsed, 2, USAGE);
      const state = stringOption(parsed, 'state');
      const limit = stringOption(parsed, 'limit');
      const experiments = await withDeps((deps, principal) =>
        listExperimentViews(deps, principal, {
          ...(name !== undefined && { prompt: name }),
          ...(state !== undefined && { state }),
          ...(limit !== undefined && { limit: wholeNumber(limit, 'limit') }),
        }),
      );
      print(experiments, `${experimentRows(experiments)}\n`);
      return 0;
    }
    if (subcommand === 'show') {
      const id = experimentId(requirePositional(parsed, 1, 'ID', USAGE));
      rejectExtraPositionals(parsed, 2, USAGE);
      const experiment = await withDeps((deps, principal) => showExperiment(deps, principal, id));
      print(experiment, formatExperiment(experiment));
      return 0;
    }
    if (subcommand === 'stop') {
      const id = experimentId(requirePositional(parsed, 1, 'ID', USAGE));
      rejectExtraPositionals(parsed, 2, USAGE);
      const reason = stringOption(parsed, 'reason');
      if (reason === undefined) {
        throw new PromptopsError('invalid_argument', 'experiments stop needs --reason', {
          parameter: 'reason',
        });
      }
      const experiment = await withDeps((deps, principal) => stopExperiment(deps, principal, { id, reason }));
      print(experiment, formatExperiment(experiment));
      return 0;
    }
    throw new PromptopsError(
      'invalid_argument',
      `unknown experiments subcommand "${subcommand}"; usage: promptops ${USAGE}`,
      { parameter: 'subcommand' },
    );
  },
};

function experimentId(text: string): number {
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) {
    throw new PromptopsError(
      'invalid_argument',
      `experiment ID "${text}" is not a number (experiments list shows them)`,
      { parameter: 'ID' },
    );
  }
  return Number(text);
}

function wholeNumber(text: string, parameter: string): number {
  if (!/^\d{1,8}$/.test(text)) {
    throw new PromptopsError('invalid_argument', `--${parameter} must be a whole number`, { parameter });
  }
  return Number(text);
}

function fraction(text: string, parameter: string): number {
  const value = Number(text);
  if (!/^0?\.\d+$/.test(text) || !(value > 0 && value < 1)) {
    throw new PromptopsError('invalid_argument', `--${parameter} must be a fraction such as 0.05`, {
      parameter,
    });
  }
  return value;
}
