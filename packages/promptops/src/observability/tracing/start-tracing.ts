import { tracingConfigFromEnv } from './tracing-config.ts';
import type { RegisteredTracing } from './tracing-sdk.ts';

export interface StartedTracing {
  /** Where spans go, for the start-up line (never the headers, which may hold credentials). */
  destination: string;
  /** Exports the spans still buffered, then unregisters the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing when the environment asks for it (tracing-config.ts), and returns
 * undefined otherwise. The SDK is imported here, on demand: a process without tracing never loads it,
 * and the runtime's spans stay the API's no-ops.
 *
 * @example const tracing = await startTracing(process.env); … await tracing?.shutdown();
 */
export async function startTracing(
  env: Record<string, string | undefined>,
): Promise<StartedTracing | undefined> {
  const config = tracingConfigFromEnv(env);
  if (!config.enabled) return undefined;
  const sdk = await import('./tracing-sdk.ts');
  const registered: RegisteredTracing = sdk.registerConfiguredTracing(config);
  return {
    destination:
      config.exporter === 'console' ? 'the console (stdout)' : `${config.url} (OTLP ${config.protocol})`,
    shutdown: () => registered.shutdown(),
  };
}
