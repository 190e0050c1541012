import type { PromptContent } from '../catalog/content/prompt-content.ts';
import type { PromptopsError } from '../errors/index.ts';
import type { RenderResult } from './render-prompt.ts';

/** Test support: a low-risk internal prompt with `fields` (its templates, variables...) filled in. */
export function testPrompt(fields: Partial<PromptContent>): PromptContent {
  return {
    description: 'test prompt',
    owner: 'support',
    risk: 'low',
    tags: [],
    classification: 'internal',
    ...fields,
  };
}

/** Test support: the error of a failed render (fails the test when the render succeeded). */
export function failure(result: RenderResult): PromptopsError {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}
