import { loadChainFile } from '../../catalog/files/chain-file.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize } from '../../governance/access/index.ts';
import type { ChainResult } from '../../runtime/chains/index.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { listOption, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { withProjectRuntime } from '../project-runtime.ts';
import { parseCliVariables, VARIABLE_OPTIONS } from './cli-variables.ts';

export const chainCommand: Command = {
  name: 'chain',
  summary: 'Run a chain (chains/NAME.yaml): stages of prompts with rules between them, each stage recorded',
  usage: 'chain NAME [--var name=value ...] [--env ENV] [--key STICKY_KEY] [--scripted-model FILE]',
  options: {
    ...VARIABLE_OPTIONS,
    env: { type: 'string' },
    key: { type: 'string' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const name = requirePositional(parsed, 0, 'NAME', this.usage);
    rejectExtraPositionals(parsed, 1, this.usage);
    const root = findProjectRoot(context.cwd);
    if (!root) throw new PromptopsError('config_invalid', `no promptops.yaml in ${context.cwd} or above`, {});
    const chain = await loadChainFile(root, `chains/${name}.yaml`);
    const input = parseCliVariables(listOption(parsed, 'var'), chain.content.input);
    const result = await withProjectRuntime(
      context,
      stringOption(parsed, 'scripted-model'),
      (runtime, _catalog, principal) => {
        for (const stage of chain.content.stages) authorize(principal, 'prompt-run', stage.prompt);
        return runtime.runChain(chain, input, {
          environment: stringOption(parsed, 'env'),
          stickyKey: stringOption(parsed, 'key'),
        });
      },
    );
    if (context.json) context.stdout(`${toJson(result)}\n`);
    else printChain(context, result);
    return result.status === 'failed' ? 1 : 0;
  },
};

function printChain(
  context: { stdout(text: string): void; stderr(text: string): void },
  result: ChainResult,
): void {
  for (const stage of result.stages) {
    const run = stage.result;
    const detail = [
      run.status,
      run.decision,
      run.confidence === undefined ? undefined : `confidence ${run.confidence}`,
    ]
      .filter(Boolean)
      .join(', ');
    context.stderr(
      `  stage ${stage.id} (${stage.prompt} v${run.version}, ${run.model ?? 'no model'}): ${detail}\n`,
    );
  }
  const output = typeof result.output === 'string' ? result.output : toJson(result.output);
  if (result.output !== null) context.stdout(`${output}\n`);
  const cost = result.cost ? ` · $${result.cost.amount.toFixed(6)}` : '';
  context.stderr(
    `── chain ${result.chain}: ${result.outcome} (status ${result.status})${cost} · ${Math.round(result.latencyMs)} ms · run ${result.chainRunId}\n`,
  );
  if (result.reason) context.stderr(`   reason: ${result.reason}\n`);
}
