import path from 'node:path';
import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import type { SuiteReport } from '../../evaluation/reports/index.ts';
import { formatTable } from '../../evaluation/reports/index.ts';
import { loadSuites } from '../../evaluation/suites/index.ts';
import type { Command } from '../command.ts';
import { type EvalSession, withEvalSession } from '../eval-session.ts';
import { flag, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { EVAL_OUTPUT_OPTIONS, parseEvalOutputs, writeEvalOutputs } from './eval-outputs.ts';
import { parseTargetChoice, TARGET_OPTIONS, wholeNumberOption } from './eval-target-options.ts';

export const testCommand: Command = {
  name: 'test',
  summary: 'Run eval suites through the runtime; exit 11 when a suite misses its thresholds',
  usage:
    'test [SUITE_OR_FOLDER ...] [--version N | --env ENV] [--model PROVIDER/MODEL] [--repeat N] [--concurrency N] [--reporter table|json|junit|html] [--output FILE ...] [--no-cache] [--no-record] [--scripted-model FILE]',
  options: {
    ...TARGET_OPTIONS,
    ...EVAL_OUTPUT_OPTIONS,
    repeat: { type: 'string' },
    concurrency: { type: 'string' },
    'no-cache': { type: 'boolean' },
    'no-record': { type: 'boolean' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const root = findProjectRoot(context.cwd);
    if (!root) {
      throw new PromptopsError(
        'config_invalid',
        `no promptops.yaml in ${context.cwd} or above: suites run against the project's catalog and providers`,
        { location: { file: path.resolve(context.cwd, 'promptops.yaml') } },
      );
    }
    const choice = parseTargetChoice(parsed);
    const outputs = parseEvalOutputs(parsed, context.json);
    const repeat = wholeNumberOption(parsed, 'repeat', 1, 100);
    const concurrency = wholeNumberOption(parsed, 'concurrency', 1, 256);
    const given = parsed.positionals.map((entry) => projectRelative(root, context.cwd, entry));
    const suites = await loadSuites(root, given.length > 0 ? given : undefined);
    if (suites.length === 0) {
      throw new PromptopsError('invalid_argument', `no suites under ${path.join(root, 'evals')}`, {
        parameter: 'SUITE',
      });
    }
    if (choice.version !== undefined) {
      const targets = new Set(suites.map((suite) => targetName(suite.content.target)));
      if (targets.size > 1) {
        throw new PromptopsError(
          'invalid_argument',
          `--version pins one artifact, but these suites target ${[...targets].join(', ')}: name the suites to run`,
          { parameter: 'version' },
        );
      }
    }
    const record = !flag(parsed, 'no-record');
    const reports = await withEvalSession(
      context,
      {
        cache: !flag(parsed, 'no-cache'),
        ...(stringOption(parsed, 'scripted-model') !== undefined && {
          scriptedModel: stringOption(parsed, 'scripted-model') as string,
        }),
      },
      async (session) => {
        const done: SuiteReport[] = [];
        for (const suite of suites) {
          const report = await session.run(suite, choice, {
            ...(repeat !== undefined && { repeat }),
            ...(concurrency !== undefined && { concurrency }),
          });
          done.push(report);
          if (outputs.stdout === 'table')
            context.stdout(`${formatTable(report, { colour: context.isTty === true })}\n`);
          if (record && choice.model !== undefined) {
            context.stderr(`   not recorded: run on ${choice.model}, not the version's own route\n`);
          } else if (record) context.stderr(`   ${await session.record(suite, report)}\n`);
        }
        context.stderr(`${summaryLine(done, session)}\n`);
        return done;
      },
    );
    await writeEvalOutputs(context, outputs, reports);
    return reports.some((report) => report.thresholdFailures.length > 0) ? exitCodeOf('eval_failed') : 0;
  },
};

function targetName(target: { prompt: string } | { fragment: string }): string {
  return 'prompt' in target ? target.prompt : target.fragment;
}

/** A suite path as typed (relative to the current folder) made relative to the project folder. */
function projectRelative(root: string, cwd: string, entry: string): string {
  const relative = path.relative(root, path.resolve(cwd, entry));
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new PromptopsError('invalid_argument', `${entry} is outside the project folder ${root}`, {
      parameter: 'SUITE',
    });
  }
  return relative === '' ? 'evals' : relative;
}

function summaryLine(reports: readonly SuiteReport[], session: EvalSession): string {
  const failed = reports.filter((report) => report.thresholdFailures.length > 0).length;
  const cases = reports.reduce((total, report) => total + report.metrics.cases, 0);
  const passed = reports.reduce((total, report) => total + report.metrics.passed, 0);
  const cache = session.cache;
  const reused =
    cache && cache.hits + cache.misses > 0
      ? ` · ${cache.hits} of ${cache.hits + cache.misses} model answers from the cache (--no-cache to call the models)`
      : '';
  const verdict =
    failed === 0
      ? `${reports.length} suite${reports.length === 1 ? '' : 's'} met their thresholds`
      : `${failed} of ${reports.length} suites missed their thresholds`;
  return `${verdict} · ${passed}/${cases} cases passed${reused}`;
}
