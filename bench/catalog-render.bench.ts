// Foundation hot paths: rendering a governed prompt (the runtime's stage 5), the token estimate,
// content hashing, and resolving a version from the catalog on PGlite.
// Run: npm run bench   (results and the machine they came from: bench/RESULTS.md)
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { contentHash } from '../packages/promptops/src/catalog/content/canonical-json.ts';
import type { PromptContent } from '../packages/promptops/src/catalog/content/prompt-content.ts';
import { readProject } from '../packages/promptops/src/catalog/files/read-project.ts';
import { createCatalog } from '../packages/promptops/src/catalog/service/catalog.ts';
import { catalogFragmentSource } from '../packages/promptops/src/catalog/service/catalog-fragment-source.ts';
import { pushProject } from '../packages/promptops/src/catalog/sync/push-project.ts';
import { openDatabase } from '../packages/promptops/src/store/index.ts';
import {
  countChatTokens,
  createStaticFragmentSource,
  renderPrompt,
} from '../packages/promptops/src/templates/index.ts';

const folder = await mkdtemp(join(tmpdir(), 'promptops-bench-'));
await cp(new URL('../examples/acme-support', import.meta.url), folder, { recursive: true });
const project = await readProject(folder);
const handle = await openDatabase({});
const catalog = createCatalog({ db: handle.db });
const pushStarted = performance.now();
await pushProject(catalog, { actor: 'bench' }, project);
const pushMs = performance.now() - pushStarted;

const classifier = project.artifacts.find((artifact) => artifact.name === 'support/classify-intent')!
  .content as PromptContent;
const assistant = project.artifacts.find((artifact) => artifact.name === 'support/assistant')!
  .content as PromptContent;
const fragments = createStaticFragmentSource(
  Object.fromEntries(
    project.artifacts.flatMap((artifact) =>
      artifact.kind === 'fragment' ? [[artifact.name, artifact.content.template]] : [],
    ),
  ),
);
const variables = { customer_message: 'I was charged twice for order #1234, please fix it' };
const rendered = await renderPrompt(classifier, variables, { fragments });
if (!rendered.ok) throw rendered.error;
const messages = rendered.messages!;

const bench = new Bench({ time: 2000, warmup: true });
bench
  .add('render support/classify-intent (static fragments)', async () => {
    await renderPrompt(classifier, variables, { fragments });
  })
  .add('render support/assistant (structured system, 3 fragments)', async () => {
    await renderPrompt(assistant, { customer_message: 'Where is my order?' }, { fragments });
  })
  .add('render support/classify-intent (fragments from the PGlite catalog)', async () => {
    await renderPrompt(classifier, variables, { fragments: catalogFragmentSource(catalog) });
  })
  .add('token estimate of the rendered classifier (o200k)', () => {
    countChatTokens(messages);
  })
  .add('content hash of the classifier (canonical JSON + sha256)', () => {
    contentHash(classifier);
  })
  .add('catalog.resolve latest version (PGlite)', async () => {
    await catalog.resolve('prompt', 'support/classify-intent', { latest: true });
  });

await bench.run();
console.log(
  `push of the example catalog (10 artifacts, one transaction, PGlite in memory): ${pushMs.toFixed(0)} ms`,
);
console.table(
  bench.tasks.map((task) => {
    const latency = task.result && 'latency' in task.result ? task.result.latency : undefined;
    return {
      task: task.name,
      'ops/s': Math.round((task.result as { throughput?: { mean: number } })?.throughput?.mean ?? 0),
      'mean µs': latency ? (latency.mean * 1000).toFixed(1) : '-',
      'p99 µs': latency ? (latency.p99 * 1000).toFixed(1) : '-',
    };
  }),
);
console.log(`rss ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`);
await handle.close();
