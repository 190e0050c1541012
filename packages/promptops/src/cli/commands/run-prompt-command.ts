import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import { parseReference } from '../../catalog/service/selector.ts';
import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import type { RunResult } from '../../runtime/run-result.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { withProjectRuntime } from '../project-runtime.ts';
import { parseCliVariables, VARIABLE_OPTIONS } from './cli-variables.ts';

export const runPromptCommand: Command = {
  name: 'run',
  summary: 'Run a governed prompt through the runtime: validated, routed, metered and recorded',
  usage:
    'run NAME[@ENV|#VERSION] [--var name=value ...] [--env ENV] [--stream] [--key STICKY_KEY] [--complexity low|medium|high] [--scripted-model FILE]',
  options: {
    ...VARIABLE_OPTIONS,
    env: { type: 'string' },
    stream: { type: 'boolean' },
    key: { type: 'string' },
    complexity: { type: 'string' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const reference = parseReference(requirePositional(parsed, 0, 'NAME', this.usage), 'NAME');
    rejectExtraPositionals(parsed, 1, this.usage);
    const environmentFlag = stringOption(parsed, 'env');
    if (environmentFlag !== undefined && !('latest' in reference.selector)) {
      throw new PromptopsError(
        'invalid_argument',
        `give the environment once: ${reference.name}@ENV or --env ENV`,
        {
          parameter: 'env',
        },
      );
    }
    const environment =
      environmentFlag ?? ('environment' in reference.selector ? reference.selector.environment : undefined);
    const streamed = parsed.values.stream === true;
    const complexity = stringOption(parsed, 'complexity');
    if (complexity !== undefined && !['low', 'medium', 'high'].includes(complexity)) {
      throw new PromptopsError('invalid_argument', '--complexity must be low, medium or high', {
        parameter: 'complexity',
      });
    }
    const result = await withProjectRuntime(
      context,
      stringOption(parsed, 'scripted-model'),
      async (runtime, catalog, principal) => {
        authorize(principal, 'prompt-run', reference.name);
        const target = await catalog.resolve(
          'prompt',
          reference.name,
          'version' in reference.selector ? reference.selector : { latest: true },
        );
        const variables = parseCliVariables(
          listOption(parsed, 'var'),
          (target.content as PromptContent).variables,
        );
        const options = {
          environment,
          version: 'version' in reference.selector ? reference.selector.version : undefined,
          stickyKey: stringOption(parsed, 'key'),
          complexity: complexity as 'low' | 'medium' | 'high' | undefined,
        };
        if (!streamed || context.json) return runtime.run(reference.name, variables, options);
        // Text as it arrives on stdout; the status line follows once the stream has ended.
        const stream = runtime.stream(reference.name, variables, options);
        try {
          for await (const text of stream.textStream) context.stdout(text);
        } catch {
          // The result below says what broke the stream.
        }
        context.stdout('\n');
        return { ...(await stream.result), output: '' };
      },
    );
    if (context.json) context.stdout(`${toJson(result)}\n`);
    else printResult(context, result);
    return result.status === 'failed' && result.error
      ? exitCodeOf(result.error.code)
      : result.status === 'blocked'
        ? exitCodeOf('guard_blocked')
        : 0;
  },
};

export function printResult(
  context: { stdout(text: string): void; stderr(text: string): void },
  result: RunResult,
): void {
  if (result.output) context.stdout(`${result.output}\n`);
  const parts = [
    `status ${result.status}${result.decision ? ` (${result.decision})` : ''}`,
    result.version === null ? undefined : `v${result.version} ${result.arm}`,
    result.model ?? undefined,
    result.usage
      ? `${result.usage.inputTokens} in / ${result.usage.outputTokens} out tokens${result.usage.estimated ? ' (estimated)' : ''}`
      : undefined,
    result.cost
      ? `${result.cost.currency === 'USD' ? '$' : `${result.cost.currency} `}${result.cost.amount.toFixed(6)}`
      : result.model
        ? 'cost unknown'
        : undefined,
    `${Math.round(result.latencyMs)} ms`,
    `run ${result.runId}`,
  ].filter((part) => part !== undefined);
  context.stderr(`── ${parts.join(' · ')}\n`);
  if (result.reason && result.status !== 'ok') context.stderr(`   reason: ${result.reason}\n`);
  for (const attempt of result.attempts.filter((candidate) => candidate.outcome !== 'ok')) {
    context.stderr(
      `   ${attempt.outcome === 'skipped' ? 'skipped' : 'failed'} ${attempt.model}: ${attempt.kind}${attempt.message ? ` (${attempt.message})` : ''}\n`,
    );
  }
  for (const problem of result.validationRetries) context.stderr(`   retried: ${problem}\n`);
  for (const warning of result.warnings) context.stderr(`   warning: ${warning}\n`);
}
