import type { ProjectConfig } from '../../catalog/files/project-config.ts';
import { PromptopsError } from '../../errors/index.ts';
import type { ModelProvider } from '../../runtime/providers/provider.ts';
import type { AssertionServices } from '../eval-types.ts';

/**
 * The judge (`evaluation.judge.model`) and embeddings (`embeddings.model`) promptops.yaml names,
 * over the same providers the runtime uses (so the response cache and a scripted model apply to
 * them too). Absent settings leave the service out: `llm-rubric` and `similar` are then unmeasured.
 */
export function assertionServices(
  config: ProjectConfig,
  providers: Readonly<Record<string, ModelProvider>>,
): AssertionServices {
  const services: AssertionServices = {};
  const judge = config.evaluation?.judge?.model;
  if (judge !== undefined) {
    const { provider, model } = providerFor(judge, providers);
    services.judge = async (prompt) => {
      const response = await provider.generate({
        model,
        messages: [{ role: 'user', content: prompt }],
        parameters: { temperature: 0, maxTokens: 300 },
      });
      return response.text;
    };
  }
  const embeddings = config.embeddings?.model;
  if (embeddings !== undefined) {
    const { provider, model } = providerFor(embeddings, providers);
    if (provider.embed) {
      const embed = provider.embed.bind(provider);
      services.embed = async (texts) => (await embed({ model, input: [...texts] })).embeddings;
    }
  }
  return services;
}

function providerFor(
  id: string,
  providers: Readonly<Record<string, ModelProvider>>,
): { provider: ModelProvider; model: string } {
  const slash = id.indexOf('/');
  const provider = providers[id.slice(0, slash)];
  if (!provider) {
    throw new PromptopsError(
      'config_invalid',
      `provider "${id.slice(0, slash)}" of ${id} is not configured`,
      {
        location: { file: 'promptops.yaml' },
      },
    );
  }
  return { provider, model: id.slice(slash + 1) };
}
