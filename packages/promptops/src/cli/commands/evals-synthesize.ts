import { access, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { VersionSelector } from '../../catalog/service/selector.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { LoadedSuite } from '../../evaluation/suites/index.ts';
import { loadSuites } from '../../evaluation/suites/index.ts';
import {
  SYNTHESIS_STYLES,
  type SynthesisOutcome,
  type SynthesisStyle,
  synthesisWriter,
  synthesizeCases,
} from '../../evaluation/synthesis/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { loadPolicies } from '../../governance/policies/index.ts';
import { isModelAllowed } from '../../runtime/models/classification-check.ts';
import type { CommandContext, ParsedArguments } from '../command.ts';
import { toJson } from '../format.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { openProjectRuntime } from '../project-runtime.ts';

export const SYNTHESIZE_USAGE =
  'evals synthesize SUITE [--count 3] [--style paraphrase|adversarial] [--model PROVIDER/MODEL] [--field NAME] [--output FILE.jsonl] [--force] [--scripted-model FILE]';

export const SYNTHESIZE_OPTIONS = {
  count: { type: 'string' },
  style: { type: 'string' },
  model: { type: 'string' },
  field: { type: 'string' },
  output: { type: 'string' },
  force: { type: 'boolean' },
  'scripted-model': { type: 'string' },
} as const;

/**
 * `promptops evals synthesize SUITE`: a configured model (promptops.yaml `evaluation.synthesizer`,
 * or `--model`) writes `--count` paraphrases or adversarial rewrites of each case into a JSONL case
 * file beside the suite, for a person to review and add with `cases_from` — never into the suite
 * itself, so no model-written case reaches a gate unreviewed. The cases' text goes to that model, so
 * policies.yaml must allow it for the target's data classification, as for a run.
 */
export async function runSynthesize(context: CommandContext, parsed: ParsedArguments): Promise<number> {
  const given = requirePositional(parsed, 1, 'SUITE', SYNTHESIZE_USAGE);
  rejectExtraPositionals(parsed, 2, SYNTHESIZE_USAGE);
  const root = findProjectRoot(context.cwd);
  if (!root) {
    throw new PromptopsError(
      'config_invalid',
      `no promptops.yaml in ${context.cwd} or above: suites and the writing model belong to a project`,
      { location: { file: path.resolve(context.cwd, 'promptops.yaml') } },
    );
  }
  const count = countOption(stringOption(parsed, 'count'));
  const [suite] = await loadSuites(root, [suitePath(root, context.cwd, given)]);
  if (!suite) {
    throw new PromptopsError('invalid_argument', `no suite ${given}`, { parameter: 'SUITE' });
  }
  const style = styleOption(stringOption(parsed, 'style'), suite);
  const output = outputPath(root, context.cwd, stringOption(parsed, 'output'), suite);
  if (!flag(parsed, 'force') && (await exists(path.join(root, output)))) {
    throw new PromptopsError(
      'invalid_argument',
      `${output} exists: review and keep it, choose another --output, or pass --force to replace it`,
      { parameter: 'output' },
    );
  }

  const outcome = await context.withCatalog(async (catalog, _db, handle, { principal }) => {
    const project = await openProjectRuntime({
      cwd: context.cwd,
      env: context.env,
      handle,
      catalog,
      ...(stringOption(parsed, 'scripted-model') !== undefined && {
        scriptedModel: stringOption(parsed, 'scripted-model') as string,
      }),
      announce: (line) => context.stderr(`${line}\n`),
    });
    try {
      const model = stringOption(parsed, 'model') ?? project.config.evaluation?.synthesizer?.model;
      if (model === undefined) {
        throw new PromptopsError(
          'config_invalid',
          'no writing model: set evaluation.synthesizer.model in promptops.yaml or pass --model PROVIDER/MODEL',
          { location: { file: path.join(root, 'promptops.yaml') }, field: 'evaluation.synthesizer.model' },
        );
      }
      // The cases are the target's data: they may go only to a model allowed to see it.
      const target =
        'prompt' in suite.content.target ? suite.content.target.prompt : suite.content.target.fragment;
      authorize(principal, 'catalog-read', target);
      if ('prompt' in suite.content.target) {
        const { version, environment } = suite.content.target;
        const selector: VersionSelector =
          version !== undefined
            ? { version }
            : environment !== undefined
              ? { environment }
              : { latest: true };
        const record = await catalog.resolve('prompt', target, selector);
        const { classification } = record.content as PromptContent;
        const allowance = isModelAllowed(model, classification, await loadPolicies(root));
        if (!allowance.allowed)
          throw new PromptopsError('policy_refused', allowance.reason, { model, target });
      }
      context.stderr(`asking ${model} for ${count} ${style} variant(s) of each case of ${suite.name}\n`);
      return {
        model,
        ...(await synthesizeCases(suite, {
          count,
          style,
          model,
          write: synthesisWriter(model, project.providers, { count }),
          file: output,
          ...(stringOption(parsed, 'field') !== undefined && {
            field: stringOption(parsed, 'field') as string,
          }),
        })),
      };
    } finally {
      await project.close();
    }
  });

  for (const problem of outcome.problems) context.stderr(`   ${problem.caseId}: ${problem.reason}\n`);
  if (outcome.cases.length === 0) {
    throw new PromptopsError(
      'output_invalid',
      `${outcome.model} wrote no usable variant for the ${outcome.asked} case(s) of ${suite.name}; nothing was written`,
      { model: outcome.model, problems: outcome.problems.length },
    );
  }
  await mkdir(path.dirname(path.join(root, output)), { recursive: true });
  await writeFile(path.join(root, output), outcome.jsonl);
  context.stdout(
    context.json ? `${toJson(summary(outcome, output, suite))}\n` : `${sentence(outcome, output, suite)}\n`,
  );
  return 0;
}

function summary(outcome: SynthesisOutcome & { model: string }, output: string, suite: LoadedSuite) {
  return {
    suite: suite.name,
    file: output,
    model: outcome.model,
    asked: outcome.asked,
    written: outcome.cases.length,
    cases: outcome.cases,
    problems: outcome.problems,
  };
}

function sentence(outcome: SynthesisOutcome & { model: string }, output: string, suite: LoadedSuite): string {
  const caseFile = path.posix.relative(path.posix.dirname(suite.file), output);
  return [
    `wrote ${outcome.cases.length} case(s) for ${outcome.asked} case(s) of ${suite.name} to ${output}` +
      (outcome.problems.length > 0 ? ` (${outcome.problems.length} problem(s) above)` : ''),
    `review them (each is tagged synthetic:model), then add them to the suite: cases_from: [${caseFile}]`,
  ].join('\n');
}

function countOption(text: string | undefined): number {
  if (text === undefined) return 3;
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 20) {
    throw new PromptopsError('invalid_argument', '--count must be a whole number from 1 to 20', {
      parameter: 'count',
    });
  }
  return Number(text);
}

/** Adversarial suites get adversarial rewrites unless told otherwise; the others paraphrases. */
function styleOption(text: string | undefined, suite: LoadedSuite): SynthesisStyle {
  if (text === undefined) return suite.content.kind === 'adversarial' ? 'adversarial' : 'paraphrase';
  if (!(SYNTHESIS_STYLES as readonly string[]).includes(text)) {
    throw new PromptopsError(
      'invalid_argument',
      `--style must be ${SYNTHESIS_STYLES.join(' or ')}, not "${text}"`,
      {
        parameter: 'style',
      },
    );
  }
  return text as SynthesisStyle;
}

/** A suite file (relative to the current folder) or a suite name (`support/intents`). */
function suitePath(root: string, cwd: string, given: string): string {
  const file = given.endsWith('.yaml') ? path.resolve(cwd, given) : path.join(root, 'evals', `${given}.yaml`);
  return insideProject(root, file, 'SUITE');
}

/** `--output`, or `<suite>.synthesized.jsonl` beside the suite: a case file no suite reads yet. */
function outputPath(root: string, cwd: string, given: string | undefined, suite: LoadedSuite): string {
  if (given === undefined) return suite.file.replace(/\.yaml$/, '.synthesized.jsonl');
  if (!given.endsWith('.jsonl')) {
    throw new PromptopsError('invalid_argument', `--output must be a .jsonl case file, not ${given}`, {
      parameter: 'output',
    });
  }
  return insideProject(root, path.resolve(cwd, given), 'output');
}

function insideProject(root: string, file: string, parameter: string): string {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new PromptopsError('invalid_argument', `${file} is outside the project folder ${root}`, {
      parameter,
    });
  }
  return relative.split(path.sep).join('/');
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
