import { PromptopsError } from '../../errors/index.ts';
import type { ModelProvider } from '../../runtime/providers/provider.ts';
import type { WriteVariants } from './synthesize-cases.ts';

/**
 * The writing model (`provider/model`) over the project's providers, so a scripted model stands in
 * for it as for the judge. Some warmth (temperature 0.8) is wanted here: variants should differ.
 */
export function synthesisWriter(
  modelId: string,
  providers: Readonly<Record<string, ModelProvider>>,
  options: { count: number },
): WriteVariants {
  const slash = modelId.indexOf('/');
  const provider = slash > 0 ? providers[modelId.slice(0, slash)] : undefined;
  if (!provider) {
    throw new PromptopsError(
      'config_invalid',
      `the writing model ${modelId} needs provider "${modelId.slice(0, Math.max(slash, 0))}" under providers in promptops.yaml`,
      { location: { file: 'promptops.yaml' } },
    );
  }
  const model = modelId.slice(slash + 1);
  return async ({ system, user }) => {
    const response = await provider.generate({
      model,
      messages: [
        { role: 'system', content: system },
        { role: 'user', content: user },
      ],
      parameters: { temperature: 0.8, maxTokens: Math.min(400 * options.count, 8_000) },
      responseFormat: { type: 'json' },
    });
    return response.text;
  };
}
