import type { FragmentContent } from '../../catalog/content/fragment-content.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { Catalog } from '../../catalog/service/catalog.ts';
import { catalogFragmentSource } from '../../catalog/service/catalog-fragment-source.ts';
import type { VersionRecord } from '../../catalog/service/records.ts';
import { renderedText } from '../../catalog/service/render-version.ts';
import type { Runtime } from '../../runtime/create-runtime.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import { renderPrompt } from '../../templates/index.ts';
import type { CaseOutput } from '../eval-types.ts';
import type { CaseExecutor } from './run-suite.ts';

/**
 * Runs each case through the real runtime (routing, guards, validation, budgets, run records) at
 * one pinned version, so a canary or a deploy during the run never mixes versions. Runs are tagged
 * `eval_suite` / `eval_case` in their metadata, and sticky per case and repeat.
 */
export function promptExecutor(
  runtime: Pick<Runtime, 'run'>,
  target: { prompt: string; version: number; environment?: string; model?: string; suite: string },
): CaseExecutor {
  return async (testCase, repeat, signal) => {
    const result = await runtime.run(target.prompt, testCase.variables, {
      version: target.version,
      ...(target.environment !== undefined && { environment: target.environment }),
      ...(target.model !== undefined && { model: target.model }),
      signal,
      stickyKey: `eval:${target.suite}:${testCase.id}:${repeat}`,
      metadata: { eval_suite: target.suite, eval_case: testCase.id, eval_repeat: repeat },
    });
    return caseOutputOf(result);
  };
}

/** What an assertion sees of a run. */
export function caseOutputOf(result: RunResult): CaseOutput {
  return {
    output: result.output,
    ...(result.parsed !== undefined && { parsed: result.parsed }),
    status: result.status,
    latencyMs: result.latencyMs,
    ...(result.model !== null && { model: result.model }),
    // No model called (blocked at input, bad variables): nothing was spent. A price unknown or in
    // another currency is unknown in USD: null, never 0.
    costUsd:
      result.attempts.length === 0
        ? 0
        : result.cost && result.cost.currency === 'USD'
          ? result.cost.amount
          : null,
    verdicts: result.verdicts.map((verdict) => ({
      guard: verdict.guard,
      stage: verdict.stage,
      action: verdict.action,
      ...(verdict.reason !== undefined && { reason: verdict.reason }),
    })),
    ...(result.toolCalls && {
      toolCalls: result.toolCalls.map(({ tool, decision, outcome }) => ({ tool, decision, outcome })),
    }),
    ...(result.error && { error: { code: result.error.code, message: result.error.message } }),
  };
}

/**
 * Render-only cases for a fragment suite: the fragment version under test rendered with the case's
 * variables, the fragments it includes resolved as a prompt in `environment` would resolve them.
 * No model is called; the rendered text is the output the assertions read.
 */
export function fragmentExecutor(
  catalog: Catalog,
  fragment: VersionRecord,
  options: { environment?: string } = {},
): CaseExecutor {
  const catalogSource = catalogFragmentSource(
    catalog,
    options.environment !== undefined ? { environment: options.environment } : {},
  );
  const template = (fragment.content as FragmentContent).template;
  // A one-line prompt that renders the fragment; the fragment itself comes from the version in hand.
  const content = { text: `{% render '${fragment.name}' %}` } as PromptContent;
  const source = {
    resolve: (reference: Parameters<typeof catalogSource.resolve>[0]) =>
      reference.name === fragment.name && reference.pin === undefined
        ? Promise.resolve({ name: fragment.name, version: fragment.version, template })
        : catalogSource.resolve(reference),
  };
  return async (testCase) => {
    const started = performance.now();
    const result = await renderPrompt(content, testCase.variables, {
      fragments: source,
      file: `${fragment.name}#${fragment.version}`,
    });
    const latencyMs = performance.now() - started;
    if (!result.ok) {
      return {
        output: '',
        status: 'failed',
        latencyMs,
        costUsd: 0,
        verdicts: [],
        error: { code: result.error.code, message: result.error.message },
      };
    }
    const text = renderedText(result);
    return { output: text, rendered: text, status: 'ok', latencyMs, costUsd: 0, verdicts: [] };
  };
}
