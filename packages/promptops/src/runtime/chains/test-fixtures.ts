import type { RunOptions } from '../run-options.ts';
import type { RunResult } from '../run-result.ts';
import type { RunPrompt } from './run-chain.ts';

/** A successful JSON run of `prompt`; override any field. */
export function runResult(prompt: string, overrides: Partial<RunResult> = {}): RunResult {
  return {
    status: 'ok',
    runId: `run-${prompt}`,
    prompt,
    version: 1,
    arm: null,
    environment: 'production',
    output: overrides.parsed === undefined ? '' : JSON.stringify(overrides.parsed),
    model: 'openai/gpt-4o-mini',
    usage: { inputTokens: 100, outputTokens: 20, estimated: false },
    cost: { amount: 0.001, currency: 'USD' },
    attempts: [],
    validationRetries: [],
    verdicts: [],
    latencyMs: 5,
    warnings: [],
    ...overrides,
  };
}

export interface FakeRunCall {
  name: string;
  variables: Record<string, unknown>;
  options: RunOptions;
}

/**
 * The runtime's `run`, scripted per prompt; every call is kept for assertions. A prompt with no
 * script throws, so a chain that runs a stage it should not have fails the test.
 */
export function scriptedRun(script: Record<string, Partial<RunResult>>): {
  run: RunPrompt;
  calls: FakeRunCall[];
} {
  const calls: FakeRunCall[] = [];
  return {
    calls,
    run: async (name, variables, options) => {
      calls.push({ name, variables, options });
      const scripted = script[name];
      if (!scripted) throw new Error(`no scripted result for ${name}`);
      return runResult(name, scripted);
    },
  };
}
