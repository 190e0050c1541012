import path from 'node:path';
import {
  type AskCompressor,
  compressPrompt,
  compressWithModel,
  type PromptCompression,
  renderedTokens,
} from '../../catalog/compress/index.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { PromptopsError } from '../../errors/index.ts';
import { loadSuites } from '../../evaluation/suites/index.ts';
import { authorize } from '../../governance/access/index.ts';
import { loadPolicies } from '../../governance/policies/index.ts';
import { isModelAllowed } from '../../runtime/models/index.ts';
import type { ModelProvider } from '../../runtime/providers/provider.ts';
import type { Command } from '../command.ts';
import { compareSuiteRuns } from '../eval-comparison.ts';
import { type EvalSession, withEvalSession } from '../eval-session.ts';
import { toJson } from '../format.ts';
import { flag, listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { applyCompression } from './compress-apply.ts';
import { type CompressOutcome, compressVerdict, formatCompression } from './compress-format.ts';
import { alphaOption, MODEL_ID, wholeNumberOption } from './eval-target-options.ts';

/**
 * `promptops compress PROMPT` (issue 10, item 3): a shorter wording by rule-based rewrites (and a
 * configured model), then the proof. The runtime runs only stored versions, so the suites run on
 * the candidate only with `--save`, which stores it as the next version (audited, not proposed, not
 * deployed); without it the command reports the wording and tokens and says the change is unproven.
 */
export const compressCommand: Command = {
  name: 'compress',
  summary:
    'Propose a shorter wording of a prompt (rules, optionally a model), with tokens saved and, with --save, its suites run on both',
  usage:
    'compress PROMPT [--version N] [--model PROVIDER/MODEL] [--save] [--suite SUITE ...] [--alpha 0.05] [--repeat N] [--apply-to FILE] [--scripted-model FILE] [--no-cache]',
  options: {
    version: { type: 'string' },
    model: { type: 'string' },
    save: { type: 'boolean' },
    suite: { type: 'string', multiple: true },
    alpha: { type: 'string' },
    repeat: { type: 'string' },
    'apply-to': { type: 'string' },
    'scripted-model': { type: 'string' },
    'no-cache': { type: 'boolean' },
  },
  async run(context, parsed) {
    const root = findProjectRoot(context.cwd);
    if (!root) {
      throw new PromptopsError('config_invalid', `no promptops.yaml in ${context.cwd} or above`, {
        location: { file: path.resolve(context.cwd, 'promptops.yaml') },
      });
    }
    const name = requirePositional(parsed, 0, 'PROMPT', this.usage);
    rejectExtraPositionals(parsed, 1, this.usage);
    const version = wholeNumberOption(parsed, 'version', 1, 1_000_000_000);
    const alpha = alphaOption(stringOption(parsed, 'alpha'));
    const repeat = wholeNumberOption(parsed, 'repeat', 1, 100);
    const modelOption = stringOption(parsed, 'model');
    if (modelOption !== undefined && !MODEL_ID.test(modelOption)) {
      throw new PromptopsError(
        'invalid_argument',
        '--model must be provider/model, e.g. openai/gpt-4o-mini',
        {
          parameter: 'model',
        },
      );
    }
    const applyTo = stringOption(parsed, 'apply-to');
    const save = flag(parsed, 'save');
    const suiteNames = listOption(parsed, 'suite');
    const allSuites = await loadSuites(root);
    const suites = allSuites.filter(
      (suite) =>
        'prompt' in suite.content.target &&
        suite.content.target.prompt === name &&
        (suiteNames.length === 0 || suiteNames.includes(suite.name)),
    );
    for (const wanted of suiteNames) {
      if (!suites.some((suite) => suite.name === wanted)) {
        throw new PromptopsError('invalid_argument', `no suite ${wanted} targets ${name} in ${root}`, {
          parameter: 'suite',
        });
      }
    }

    const outcome = await withEvalSession(
      context,
      {
        cache: !flag(parsed, 'no-cache'),
        ...(stringOption(parsed, 'scripted-model') !== undefined && {
          scriptedModel: stringOption(parsed, 'scripted-model') as string,
        }),
      },
      async (session): Promise<CompressOutcome> => {
        authorize(session.principal, 'catalog-read', name);
        const head = await session.catalog.resolve('prompt', name, { latest: true });
        const base =
          version === undefined ? head : await session.catalog.resolve('prompt', name, { version });
        const content = base.content as PromptContent;
        let compression = compressPrompt(content);
        const model = modelOption ?? session.project.config.evaluation?.compressor?.model;
        if (model !== undefined) {
          const allowance = isModelAllowed(model, content.classification, await loadPolicies(root));
          if (!allowance.allowed) throw new PromptopsError('policy_refused', allowance.reason, { model });
          context.stderr(`asking ${model} for a shorter wording of ${name} v${base.version}\n`);
          compression = await compressWithModel(
            content,
            compression,
            askModel(model, session.project.providers),
          );
        }
        const [renderedBefore, renderedAfter] = await Promise.all(
          [content, compression.content].map((side) => renderedTokens(session.catalog, name, side)),
        );
        const saved = compression.tokensBefore - compression.tokensAfter;
        const evaluation =
          save && saved > 0
            ? await evaluate(session, name, head.version, base.version, compression, suites, {
                alpha,
                ...(repeat !== undefined && { repeat }),
              })
            : undefined;
        return {
          prompt: name,
          version: base.version,
          ...(model !== undefined && { model }),
          compression,
          ...(renderedBefore !== undefined &&
            renderedAfter !== undefined && { rendered: { before: renderedBefore, after: renderedAfter } }),
          suites: suites.map((suite) => suite.name),
          ...(evaluation && { evaluation }),
          saveAsked: save,
        };
      },
    );
    const verdict = compressVerdict(outcome);
    if (applyTo !== undefined && outcome.compression.tokensAfter < outcome.compression.tokensBefore) {
      const file = path.resolve(context.cwd, applyTo);
      await applyCompression(file, outcome.compression);
      context.stderr(
        `wrote the shorter wording into ${path.relative(context.cwd, file) || file}: review it, then propose\n`,
      );
    }
    if (context.json) context.stdout(`${toJson(jsonOf(outcome, verdict))}\n`);
    else context.stdout(formatCompression(outcome, verdict));
    return 0;
  },
};

async function evaluate(
  session: EvalSession,
  name: string,
  headVersion: number,
  baseVersion: number,
  compression: PromptCompression,
  suites: Awaited<ReturnType<typeof loadSuites>>,
  options: { alpha: number; repeat?: number },
): Promise<NonNullable<CompressOutcome['evaluation']>> {
  authorize(session.principal, 'version-create', name);
  const saved = await session.catalog.saveVersion(session.principal, {
    kind: 'prompt',
    name,
    content: compression.content,
    parentVersion: headVersion,
    message: `compress: shorter wording of v${baseVersion} (${compression.tokensBefore - compression.tokensAfter} template tokens fewer), for evaluation`,
  });
  const runs = [];
  for (const suite of suites) {
    const { reports, comparison } = await compareSuiteRuns(
      session,
      suite,
      [{ version: baseVersion }, { version: saved.version }],
      options,
    );
    runs.push({ suite: suite.name, reports, comparison });
  }
  return { candidateVersion: saved.version, created: saved.outcome !== 'unchanged', runs };
}

/** The compressing model over the project's providers (a scripted model stands in for it in tests). */
function askModel(modelId: string, providers: Readonly<Record<string, ModelProvider>>): AskCompressor {
  const slash = modelId.indexOf('/');
  const provider = providers[modelId.slice(0, slash)];
  if (!provider) {
    throw new PromptopsError(
      'config_invalid',
      `the compressing model ${modelId} needs provider "${modelId.slice(0, slash)}" under providers in promptops.yaml`,
      { location: { file: 'promptops.yaml' }, field: 'evaluation.compressor.model' },
    );
  }
  return async ({ system, user }) => {
    const response = await provider.generate({
      model: modelId.slice(slash + 1),
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      parameters: { temperature: 0, maxTokens: 8_000 },
      responseFormat: { type: 'json' },
    });
    return response.text;
  };
}

function jsonOf(outcome: CompressOutcome, verdict: ReturnType<typeof compressVerdict>) {
  const { compression } = outcome;
  return {
    prompt: outcome.prompt,
    version: outcome.version,
    ...(outcome.model !== undefined && { model: outcome.model }),
    tokens: {
      before: compression.tokensBefore,
      after: compression.tokensAfter,
      saved: compression.tokensBefore - compression.tokensAfter,
      rendered: outcome.rendered ?? null,
    },
    fields: compression.fields
      .filter((field) => field.before !== field.after)
      .map(({ field, before, after, rules, tokensBefore, tokensAfter }) => ({
        field,
        before,
        after,
        rules,
        tokensBefore,
        tokensAfter,
      })),
    rejected: compression.rejected,
    content: compression.content,
    suites: outcome.suites,
    evaluation: outcome.evaluation
      ? {
          candidateVersion: outcome.evaluation.candidateVersion,
          suites: outcome.evaluation.runs.map((run) => ({ suite: run.suite, comparison: run.comparison })),
        }
      : null,
    verdict,
  };
}
