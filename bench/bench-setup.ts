// What the runtime benchmarks share: a scripted model server in its own process, and the example
// catalog pushed into in-memory PGlite with its providers pointed at that server.
import { spawn } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readProject } from '../packages/promptops/src/catalog/files/read-project.ts';
import { createCatalog } from '../packages/promptops/src/catalog/service/catalog.ts';
import { pushProject } from '../packages/promptops/src/catalog/sync/push-project.ts';
import { createProvider, type ModelProvider } from '../packages/promptops/src/runtime/providers/index.ts';
import { openDatabase } from '../packages/promptops/src/store/index.ts';

/** Starts bench/scripted-server-process.ts (`--latency MS` delays every reply); `stop()` ends it. */
export async function startScriptedServerProcess(latencyMs = 0) {
  const args = [new URL('./scripted-server-process.ts', import.meta.url).pathname];
  if (latencyMs > 0) args.push('--latency', String(latencyMs));
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) =>
    createInterface({ input: child.stdout! }).once('line', resolve),
  );
  return { url, stop: () => child.stdin!.end() };
}

/** A copy of examples/acme-support pushed into an in-memory PGlite catalog. */
export async function exampleCatalog() {
  const folder = await mkdtemp(join(tmpdir(), 'promptops-bench-'));
  await cp(new URL('../examples/acme-support', import.meta.url), folder, { recursive: true });
  const project = await readProject(folder);
  const handle = await openDatabase({});
  const catalog = createCatalog({ db: handle.db });
  await pushProject(catalog, { actor: 'bench' }, project);
  return { folder, project, handle, catalog };
}

/** The project's providers, every one talking to the scripted server at `url`. */
export function scriptedProviders(
  config: { providers: Record<string, Parameters<typeof createProvider>[1]> },
  url: string,
  wrap: (provider: ModelProvider) => ModelProvider = (provider) => provider,
): Record<string, ModelProvider> {
  const env = { OPENAI_API_KEY: 'sk-bench', ANTHROPIC_API_KEY: 'sk-bench' };
  const providers: Record<string, ModelProvider> = {};
  for (const [name, settings] of Object.entries(config.providers)) {
    providers[name] = wrap(
      createProvider(name, { ...settings, base_url: name === 'openai' ? `${url}/v1` : url }, { env }),
    );
  }
  return providers;
}
