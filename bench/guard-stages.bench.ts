// The guard stages alone (stages 3 and 9), without the model call, the catalog or the record: what the
// example's policies cost per run, and the detectors they run, per message.
// Run: npm run bench:guards   (figures in bench/RESULTS.md)
import { Bench } from 'tinybench';
import { readProject } from '../packages/promptops/src/catalog/files/read-project.ts';
import { createGuardHooks } from '../packages/promptops/src/guardrails/create-guard-hooks.ts';
import { defaultGuardDetectors } from '../packages/promptops/src/guardrails/default-detectors.ts';
import { detectInjection } from '../packages/promptops/src/guardrails/injection/index.ts';
import { scanText } from '../packages/promptops/src/guardrails/pii/index.ts';
import { validateVariables } from '../packages/promptops/src/templates/index.ts';

const project = await readProject(new URL('../examples/acme-support', import.meta.url).pathname);
const detectors = defaultGuardDetectors(project.policies.recognizers);
const hooks = createGuardHooks(project.policies, detectors);
const promptContent = (name: string) => {
  const artifact = project.artifacts.find((each) => each.kind === 'prompt' && each.name === name);
  if (artifact?.kind !== 'prompt') throw new Error(`no prompt ${name}`);
  return artifact.content;
};
const classify = promptContent('support/classify-intent');
const compressed = promptContent('support/compressed-classify');
const withDefaults = (content: typeof classify, given: Record<string, unknown>) => {
  const checked = validateVariables(content.variables, given);
  if (!checked.ok) throw checked.error;
  return checked.variables;
};

// The runtime bench's two messages, and a 1 KB support message with no personal data in it.
const short = 'I was charged twice for order 1234';
const kilobyte = [
  'Hello, I ordered a pair of running shoes last Tuesday and the parcel arrived this morning, but the',
  'box contained the wrong size: I asked for a 42 and received a 44. The invoice in the box shows the',
  'right size, so I think the mix-up happened in the warehouse. I would like to exchange them rather',
  'than get a refund, since the model is sold out in most shops near me. Could you tell me whether the',
  'exchange can be arranged with a courier pick-up, or whether I need to take the parcel to a post',
  'office myself? I still have the original packaging and the tags are attached. Also, the tracking',
  'page said the parcel would come on Monday, and it came two days later; is that normal for this',
  'carrier? I am asking because I have another order coming next week for a birthday present and I',
  'would like to know how much margin to leave. Many thanks for your help, and have a good day.',
].join(' ');
const classifyVariables = withDefaults(classify, { customer_message: short });
const compressedVariables = withDefaults(compressed, { ticket: 'My invoice shows the wrong amount' });
const jsonOutput = JSON.stringify({ intent: 'billing', confidence: 0.95, entities: {} });

const bench = new Bench({ time: 2000, warmup: true });
bench
  .add('input guards, support/classify-intent (injection + PII, 2 policies, 2 strings)', () => {
    hooks.input({ prompt: 'support/classify-intent', content: classify, variables: classifyVariables });
  })
  .add('input guards, support/compressed-classify (1 string)', () => {
    hooks.input({
      prompt: 'support/compressed-classify',
      content: compressed,
      variables: compressedVariables,
    });
  })
  .add('output guards, support/classify-intent JSON answer (PII, 2 policies)', () => {
    hooks.output({
      prompt: 'support/classify-intent',
      content: classify,
      variables: classifyVariables,
      output: jsonOutput,
    });
  })
  .add(`detectInjection, ${short.length}-character message`, () => {
    detectInjection(short, { appDelimiters: ['customer_message'] });
  })
  .add(`detectInjection, ${kilobyte.length}-character message`, () => {
    detectInjection(kilobyte, { appDelimiters: ['customer_message'] });
  })
  .add(`PII scan (card, SSN), ${kilobyte.length}-character message`, () => {
    scanText(kilobyte, { types: ['payment-card', 'us-ssn'], minScore: 0.5 });
  })
  .add(`PII scan (secrets), ${kilobyte.length}-character message`, () => {
    scanText(kilobyte, {
      types: ['api-key', 'jwt', 'private-key', 'bearer-token', 'password'],
      minScore: 0.5,
    });
  })
  .add(`PII scan (all types), ${kilobyte.length}-character message`, () => {
    scanText(kilobyte, { minScore: 0.5 });
  });

await bench.run();
console.table(
  bench.tasks.map((task) => {
    const result = task.result as { latency?: { p50?: number; p99?: number; mean: number } };
    return {
      task: task.name,
      'p50 µs': ((result.latency?.p50 ?? 0) * 1000).toFixed(1),
      'p99 µs': ((result.latency?.p99 ?? 0) * 1000).toFixed(1),
      'mean µs': ((result.latency?.mean ?? 0) * 1000).toFixed(1),
    };
  }),
);
