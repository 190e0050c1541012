import type { ProjectConfig } from '../catalog/files/project-config.ts';
import { type AiSdkPackageFactory, createProvider, type ModelProvider } from './providers/index.ts';

/**
 * One ModelProvider per provider in promptops.yaml. Keys are read from `env` when a call is made;
 * `baseUrls` replaces a provider's URL (the scripted model server in tests and demos).
 */
export function providersFromConfig(
  config: ProjectConfig,
  options: {
    env: Readonly<Record<string, string | undefined>>;
    baseUrls?: Readonly<Record<string, string | undefined>>;
    aiSdkPackages?: Readonly<Record<string, AiSdkPackageFactory>>;
  },
): Record<string, ModelProvider> {
  const providers: Record<string, ModelProvider> = {};
  for (const [name, settings] of Object.entries(config.providers)) {
    const baseUrl = options.baseUrls?.[name];
    providers[name] = createProvider(name, baseUrl ? { ...settings, base_url: baseUrl } : settings, {
      env: options.env,
      aiSdkPackages: options.aiSdkPackages,
    });
  }
  return providers;
}
