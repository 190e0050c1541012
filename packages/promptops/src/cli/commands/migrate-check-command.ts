import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENVIRONMENT_NAME_PATTERN } from '../../catalog/content/names.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import {
  formatMigration,
  type MigrationPromptResult,
  type MigrationReport,
  type MigrationSuiteResult,
  migrationHtml,
  migrationVerdict,
  sideFigures,
  worstVerdict,
} from '../../evaluation/migration/index.ts';
import { type LoadedSuite, loadSuites } from '../../evaluation/suites/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { loadPolicies } from '../../governance/policies/index.ts';
import { isModelAllowed } from '../../runtime/models/classification-check.ts';
import type { Command } from '../command.ts';
import { compareSuiteRuns } from '../eval-comparison.ts';
import { type EvalSession, withEvalSession } from '../eval-session.ts';
import { flag, listOption, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { alphaOption, MODEL_ID, wholeNumberOption } from './eval-target-options.ts';

export const migrateCheckCommand: Command = {
  name: 'migrate-check',
  summary:
    'Run every suite of the selected prompts on their current model and a candidate model: changes, cost, latency, a verdict',
  usage:
    'migrate-check --model PROVIDER/MODEL [PROMPT ... | --folder PREFIX] [--env production] [--repeat N] [--concurrency N] [--alpha 0.05] [--fail-on-regression] [--json] [--output FILE.html|FILE.json ...] [--no-cache] [--scripted-model FILE]',
  options: {
    model: { type: 'string' },
    folder: { type: 'string' },
    env: { type: 'string' },
    repeat: { type: 'string' },
    concurrency: { type: 'string' },
    alpha: { type: 'string' },
    output: { type: 'string', multiple: true, short: 'o' },
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
    const candidate = stringOption(parsed, 'model');
    if (candidate === undefined || !MODEL_ID.test(candidate)) {
      throw new PromptopsError(
        'invalid_argument',
        `--model names the candidate as provider/model, e.g. openai/gpt-4o-mini\nusage: promptops ${this.usage}`,
        { parameter: 'model' },
      );
    }
    const environment = stringOption(parsed, 'env') ?? 'production';
    if (!ENVIRONMENT_NAME_PATTERN.test(environment)) {
      throw new PromptopsError('invalid_argument', `--env ${environment} is not an environment name`, {
        parameter: 'env',
      });
    }
    const folder = stringOption(parsed, 'folder');
    if (folder !== undefined && parsed.positionals.length > 0) {
      throw new PromptopsError('invalid_argument', 'name prompts or give --folder, not both', {
        parameter: 'folder',
      });
    }
    const alpha = alphaOption(stringOption(parsed, 'alpha'));
    const repeat = wholeNumberOption(parsed, 'repeat', 1, 100);
    const concurrency = wholeNumberOption(parsed, 'concurrency', 1, 256);
    const outputs = listOption(parsed, 'output').map((file) => {
      const extension = path.extname(file).toLowerCase();
      if (extension !== '.json' && extension !== '.html') {
        throw new PromptopsError(
          'invalid_argument',
          `--output ${file}: a migration report is .json or .html`,
          {
            parameter: 'output',
          },
        );
      }
      return { file, format: extension === '.json' ? ('json' as const) : ('html' as const) };
    });
    const byPrompt = suitesByPrompt(await loadSuites(root), parsed.positionals, folder);

    const report = await withEvalSession(
      context,
      {
        cache: !flag(parsed, 'no-cache'),
        ...(stringOption(parsed, 'scripted-model') !== undefined && {
          scriptedModel: stringOption(parsed, 'scripted-model') as string,
        }),
      },
      async (session): Promise<MigrationReport> => {
        const startedAt = new Date().toISOString();
        const policies = await loadPolicies(session.project.root);
        const prompts: MigrationPromptResult[] = [];
        for (const [prompt, suites] of byPrompt) {
          prompts.push(
            await checkPrompt(
              session,
              { prompt, suites, candidate, environment, policies, alpha },
              {
                ...(repeat !== undefined && { repeat }),
                ...(concurrency !== undefined && { concurrency }),
              },
            ),
          );
        }
        return {
          candidate,
          environment,
          alpha,
          startedAt,
          prompts,
          verdict: worstVerdict(
            prompts.flatMap((entry) => (entry.outcome === 'checked' ? [entry.verdict] : [])),
          ),
        };
      },
    );
    const json = `${JSON.stringify(report, null, 2)}\n`;
    context.stdout(context.json ? json : formatMigration(report));
    for (const output of outputs) {
      const target = path.resolve(context.cwd, output.file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, output.format === 'json' ? json : migrationHtml(report));
      context.stderr(`wrote ${output.format.toUpperCase()} report ${output.file}\n`);
    }
    return flag(parsed, 'fail-on-regression') && report.verdict === 'regressions'
      ? exitCodeOf('eval_failed')
      : 0;
  },
};

interface PromptCheck {
  prompt: string;
  suites: LoadedSuite[];
  candidate: string;
  environment: string;
  policies: Awaited<ReturnType<typeof loadPolicies>>;
  alpha: number;
}

/**
 * One prompt: the version the environment serves, refused when policies.yaml keeps its data from
 * the candidate (nothing runs then), else each suite on the current route and on the candidate.
 */
async function checkPrompt(
  session: EvalSession,
  check: PromptCheck,
  runOptions: { repeat?: number; concurrency?: number },
): Promise<MigrationPromptResult> {
  const { prompt, candidate, environment } = check;
  authorize(session.principal, 'prompt-run', prompt);
  let version: Awaited<ReturnType<EvalSession['catalog']['resolve']>>;
  try {
    version = await session.catalog.resolve('prompt', prompt, { environment });
  } catch (error) {
    if (!PromptopsError.isInstance(error) || error.code !== 'environment_not_found') throw error;
    return { prompt, outcome: 'not-deployed', reason: `nothing deployed in ${environment}` };
  }
  const content = version.content as PromptContent;
  const allowance = isModelAllowed(candidate, content.classification, check.policies);
  if (!allowance.allowed) {
    return { prompt, outcome: 'refused', version: version.version, reason: allowance.reason };
  }
  const model = content.environments?.[environment]?.model ?? content.model;
  const routed = model?.route !== undefined ? session.project.config.routes?.[model.route]?.model : undefined;
  const currentModel =
    model?.id ??
    (model?.route !== undefined ? `${model.route} route${routed ? ` (${routed})` : ''}` : 'default route');
  const suites: MigrationSuiteResult[] = [];
  for (const suite of check.suites) {
    const { reports, comparison } = await compareSuiteRuns(
      session,
      suite,
      [{ environment }, { environment, model: candidate }],
      { alpha: check.alpha, ...runOptions },
    );
    suites.push({
      suite: suite.name,
      version: reports[0].version ?? version.version,
      current: sideFigures(reports[0]),
      candidate: sideFigures(reports[1]),
      comparison,
      verdict: migrationVerdict(comparison),
    });
  }
  return {
    prompt,
    outcome: 'checked',
    version: version.version,
    currentModel,
    suites,
    verdict: worstVerdict(suites.map((suite) => suite.verdict)),
  };
}

/** The prompt suites to run, by prompt: the named prompts', a folder's, or every prompt's. */
function suitesByPrompt(
  suites: readonly LoadedSuite[],
  names: readonly string[],
  folder: string | undefined,
): Map<string, LoadedSuite[]> {
  const prefix = folder === undefined ? undefined : folder.endsWith('/') ? folder : `${folder}/`;
  const selected = new Map<string, LoadedSuite[]>();
  for (const suite of suites) {
    const target = suite.content.target;
    if (!('prompt' in target)) continue;
    const name = target.prompt;
    if (names.length > 0 && !names.includes(name)) continue;
    if (prefix !== undefined && !name.startsWith(prefix)) continue;
    selected.set(name, [...(selected.get(name) ?? []), suite]);
  }
  const missing = names.filter((name) => !selected.has(name));
  if (missing.length > 0) {
    throw new PromptopsError('invalid_argument', `no suite under evals/ targets ${missing.join(', ')}`, {
      parameter: 'PROMPT',
    });
  }
  if (selected.size === 0) {
    throw new PromptopsError(
      'invalid_argument',
      `no suite under evals/ targets a prompt${prefix !== undefined ? ` in ${prefix}` : ''}`,
      { parameter: prefix !== undefined ? 'folder' : 'PROMPT' },
    );
  }
  return selected;
}
