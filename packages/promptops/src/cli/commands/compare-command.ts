import path from 'node:path';
import { ENVIRONMENT_NAME_PATTERN } from '../../catalog/content/names.ts';
import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import { formatComparison } from '../../evaluation/reports/index.ts';
import { EVALS_FOLDER, loadSuites } from '../../evaluation/suites/index.ts';
import type { Command } from '../command.ts';
import { compareSuiteRuns } from '../eval-comparison.ts';
import type { TargetChoice } from '../eval-session.ts';
import { withEvalSession } from '../eval-session.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { EVAL_OUTPUT_OPTIONS, parseEvalOutputs, writeEvalOutputs } from './eval-outputs.ts';
import {
  alphaOption,
  MODEL_ID,
  parseTargetChoice,
  TARGET_OPTIONS,
  wholeNumberOption,
} from './eval-target-options.ts';

export const compareCommand: Command = {
  name: 'compare',
  summary:
    'Run one suite on two versions, environments or models: per-case changes and paired significance tests',
  usage:
    'compare SUITE A B [--version N | --env ENV] [--repeat N] [--concurrency N] [--alpha 0.05] [--fail-on-regression] [--reporter table|json|html] [--output FILE ...] [--no-cache] [--scripted-model FILE]',
  options: {
    ...EVAL_OUTPUT_OPTIONS,
    version: TARGET_OPTIONS.version,
    env: TARGET_OPTIONS.env,
    repeat: { type: 'string' },
    concurrency: { type: 'string' },
    alpha: { type: 'string' },
    'fail-on-regression': { type: 'boolean' },
    'no-cache': { type: 'boolean' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const root = findProjectRoot(context.cwd);
    if (!root) {
      throw new PromptopsError('config_invalid', `no promptops.yaml in ${context.cwd} or above`, {
        location: { file: path.resolve(context.cwd, 'promptops.yaml') },
      });
    }
    const suitePath = suiteFile(root, context.cwd, requirePositional(parsed, 0, 'SUITE', this.usage));
    const sides = [1, 2].map((index) =>
      sideOf(requirePositional(parsed, index, index === 1 ? 'A' : 'B', this.usage), index === 1 ? 'A' : 'B'),
    ) as [Side, Side];
    rejectExtraPositionals(parsed, 3, this.usage);
    const base = parseTargetChoice(parsed);
    const models = sides.filter((side) => side.choice.model !== undefined).length;
    if (models === 1) {
      throw new PromptopsError('invalid_argument', 'compare two models or two versions, not one of each', {
        parameter: 'B',
      });
    }
    if (models === 0 && (base.version !== undefined || base.environment !== undefined)) {
      throw new PromptopsError(
        'invalid_argument',
        '--version and --env choose the version two models run; A and B already name versions',
        { parameter: base.version !== undefined ? 'version' : 'env' },
      );
    }
    if (models === 2) for (const side of sides) side.choice = { ...base, ...side.choice };
    const outputs = parseEvalOutputs(parsed, context.json);
    if (outputs.stdout === 'junit' || outputs.files.some((file) => file.format === 'junit')) {
      throw new PromptopsError(
        'invalid_argument',
        'a comparison has no JUnit form: use table, json or html',
        {
          parameter: 'reporter',
        },
      );
    }
    const alpha = alphaOption(stringOption(parsed, 'alpha'));
    const repeat = wholeNumberOption(parsed, 'repeat', 1, 100);
    const concurrency = wholeNumberOption(parsed, 'concurrency', 1, 256);
    const [suite] = await loadSuites(root, [suitePath]);
    if (!suite)
      throw new PromptopsError('invalid_argument', `no suite at ${suitePath}`, { parameter: 'SUITE' });

    const { reports, section } = await withEvalSession(
      context,
      {
        cache: !flag(parsed, 'no-cache'),
        ...(stringOption(parsed, 'scripted-model') !== undefined && {
          scriptedModel: stringOption(parsed, 'scripted-model') as string,
        }),
      },
      async (session) => {
        const {
          reports: [a, b],
          comparison,
        } = await compareSuiteRuns(session, suite, [sides[0].choice, sides[1].choice], {
          alpha,
          ...(repeat !== undefined && { repeat }),
          ...(concurrency !== undefined && { concurrency }),
        });
        const label = (side: Side, version: number | undefined) =>
          side.choice.model !== undefined
            ? `v${version} on ${side.text}`
            : `${side.text}${side.choice.environment !== undefined && version !== undefined ? ` (v${version})` : ''}`;
        return {
          reports: [a, b],
          section: {
            comparison,
            labelA: `${a.target} ${label(sides[0], a.version)}`,
            labelB: `${b.target} ${label(sides[1], b.version)}`,
          },
        };
      },
    );
    if (outputs.stdout === 'table') context.stdout(formatComparison(section));
    await writeEvalOutputs(context, outputs, reports, section);
    return flag(parsed, 'fail-on-regression') && section.comparison.regressions.length > 0
      ? exitCodeOf('eval_failed')
      : 0;
  },
};

interface Side {
  text: string;
  choice: TargetChoice;
}

/** `3`, `v3` or `#3` is a version, `provider/model` a model; anything else names an environment. */
function sideOf(text: string, parameter: 'A' | 'B'): Side {
  if (text.includes('/')) {
    if (!MODEL_ID.test(text)) {
      throw new PromptopsError(
        'invalid_argument',
        `${parameter} must be provider/model, e.g. openai/gpt-4o`,
        {
          parameter,
        },
      );
    }
    return { text, choice: { model: text } };
  }
  const version = /^(?:v|#)?(\d{1,9})$/.exec(text);
  if (version) return { text: `v${Number(version[1])}`, choice: { version: Number(version[1]) } };
  if (!ENVIRONMENT_NAME_PATTERN.test(text)) {
    throw new PromptopsError(
      'invalid_argument',
      `${parameter} must be a version (3, v3), an environment name or provider/model`,
      {
        parameter,
      },
    );
  }
  return { text, choice: { environment: text } };
}

/** A suite by file (`evals/support/intents.yaml`, relative to here) or by name (`support/intents`). */
function suiteFile(root: string, cwd: string, given: string): string {
  const file = given.endsWith('.yaml')
    ? path.resolve(cwd, given)
    : path.join(root, EVALS_FOLDER, `${given}.yaml`);
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new PromptopsError('invalid_argument', `${given} is outside the project folder ${root}`, {
      parameter: 'SUITE',
    });
  }
  return relative.split(path.sep).join('/');
}
