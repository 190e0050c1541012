import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { readProject } from '../../src/catalog/files/read-project.ts';
import { type Catalog, createCatalog } from '../../src/catalog/service/catalog.ts';
import { pushProject } from '../../src/catalog/sync/push-project.ts';
import { createGovernance } from '../../src/governance/create-governance.ts';
import type { Policies } from '../../src/governance/policies/index.ts';
import { createRunMetrics } from '../../src/observability/metrics/run-metrics.ts';
import { createRuntime, type Runtime } from '../../src/runtime/create-runtime.ts';
import { createProvider, type ModelProvider } from '../../src/runtime/providers/index.ts';
import type { RunResult } from '../../src/runtime/run-result.ts';
import { createServer, type PromptopsServer } from '../../src/server/create-server.ts';
import type { DatabaseHandle } from '../../src/store/index.ts';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.ts';
import { describeEachDatabase } from '../support/databases.ts';

const EMAIL = 'jane.doe@example.com';
const SUMMARIZER_SYSTEM = 'You summarise one policy document';

const RETURNS = `# Returns

Items can be returned within 30 days of delivery. Write to ${EMAIL} for a return label.
`;
const WARRANTY_LONG = `# Warranty

${'The warranty covers the motor and the heating element for two years from delivery, when the appliance was used as the manual describes. '.repeat(6)}
`;

const project = (retrieverUrl: string) => ({
  'promptops.yaml': `project: { name: kb-test }
providers:
  openai: { protocol: openai, base_url: https://api.openai.com/v1, api_key_env: OPENAI_API_KEY }
retrieval:
  sources:
    handbook: { kind: files, folder: knowledge, classification: internal }
    hr: { kind: postgres-fts, classification: confidential }
    partner: { kind: http, url: "${retrieverUrl}", classification: public, timeout_ms: 2000 }
    broken: { kind: http, url: "${retrieverUrl}/broken", classification: public, timeout_ms: 2000 }
`,
  'policies.yaml': `guards:
  kb:
    input: { pii: { action: redact, entities: [email] } }
`,
  'knowledge/returns.md': RETURNS,
  'knowledge/warranty.md': WARRANTY_LONG,
  'prompts/kb/answer.yaml': `description: Answers a policy question from the handbook, citing it.
owner: support
risk: low
classification: internal
variables:
  type: object
  required: [question]
  properties:
    question: { type: string }
    retrieved: { type: array, default: [] }
system:
  role: |-
    You answer policy questions.
    {%- for passage in retrieved %}
    <passage id="{{ passage.id }}">{{ passage.text }}</passage>
    {%- endfor %}
messages:
  - { role: user, content: "{{ question }}" }
model: { id: openai/gpt-4o-mini }
guards: { policy: kb }
output:
  citations: { mode: required, action: escalate }
context:
  retrieval:
    sources: [handbook]
    query_variable: question
    k: 2
    max_tokens: 400
    summarize: { prompt: kb/summarize, over_tokens: 60 }
`,
  'prompts/kb/summarize.yaml': `description: Summarises one policy document for retrieval.
owner: support
risk: low
classification: internal
variables:
  type: object
  required: [title, text]
  properties:
    title: { type: string }
    text: { type: string }
system:
  role: ${SUMMARIZER_SYSTEM} in two sentences.
messages:
  - { role: user, content: "{{ title }}: {{ text }}" }
model: { id: openai/gpt-4o-mini }
`,
  'prompts/kb/broken.yaml': `description: Retrieves from a retriever that answers in the wrong shape.
owner: support
risk: low
classification: public
variables:
  type: object
  required: [question]
  properties:
    question: { type: string }
    retrieved: { type: array, default: [] }
text: "{{ question }}{% for passage in retrieved %} {{ passage.text }}{% endfor %}"
context:
  retrieval: { sources: [broken], query_variable: question }
`,
  'prompts/kb/partner.yaml': `description: Answers from the partner retriever.
owner: support
risk: low
classification: public
variables:
  type: object
  required: [question]
  properties:
    question: { type: string }
    retrieved: { type: array, default: [] }
system:
  role: |-
    Partner answers.{% for passage in retrieved %} [{{ passage.id }}] {{ passage.text }}{% endfor %}
messages:
  - { role: user, content: "{{ question }}" }
model: { id: openai/gpt-4o-mini }
context:
  retrieval: { sources: [partner], query_variable: question }
`,
});

async function writeProject(folder: string, files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(folder, file, '..'), { recursive: true });
    await writeFile(join(folder, file), text);
  }
}

describeEachDatabase('governed retrieval (issue 9, items 4-6)', (database) => {
  let models: ScriptedModelServer;
  let retriever: Server;
  let retrieverUrl: string;
  const retrieverQueries: unknown[] = [];
  let folder: string;
  let handle: DatabaseHandle;
  let catalog: Catalog;
  let providers: Record<string, ModelProvider>;
  let runtime: Runtime;
  let server: PromptopsServer;
  let url: string;
  let token: string;
  const metrics = createRunMetrics({ defaultMetrics: false });

  async function startRuntime(
    policies?: Partial<Policies>,
    observers: ((result: RunResult) => void)[] = [],
  ): Promise<Runtime> {
    const read = await readProject(folder);
    return createRuntime({
      handle,
      catalog,
      config: read.config,
      policies: { ...read.policies, ...policies },
      providers,
      retries: 0,
      sampling: { worker: false },
      observers,
    });
  }

  beforeAll(async () => {
    models = await startScriptedModelServer({ rules: [], announce: false, requireApiKey: 'sk-test' });
    retriever = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        retrieverQueries.push(JSON.parse(body));
        response.setHeader('content-type', 'application/json');
        if (request.url === '/search/broken') {
          response.end(JSON.stringify({ results: [] }));
          return;
        }
        response.end(
          JSON.stringify({
            passages: [{ id: 'faq-7', title: 'Opening hours', text: 'We open at 9.', version: 'v3' }],
          }),
        );
      });
    });
    await new Promise<void>((resolve) => retriever.listen(0, '127.0.0.1', resolve));
    retrieverUrl = `http://127.0.0.1:${(retriever.address() as AddressInfo).port}/search`;
    folder = await mkdtemp(join(tmpdir(), 'promptops-retrieval-'));
    await writeProject(folder, project(retrieverUrl));
    handle = await database.open();
    catalog = createCatalog({ db: handle.db });
    const pushed = await pushProject(catalog, { actor: 'test' }, await readProject(folder));
    expect(pushed.documents).toEqual([
      { source: 'handbook', added: 2, changed: 0, unchanged: 0, removed: 0 },
    ]);
    providers = {
      openai: createProvider(
        'openai',
        {
          protocol: 'openai',
          base_url: models.openaiBaseUrl,
          api_key_env: 'OPENAI_API_KEY',
          timeout_ms: 5000,
        },
        { env: { OPENAI_API_KEY: 'sk-test' } },
      ),
    };
    runtime = await startRuntime(undefined, [metrics.observe]);
    const governance = createGovernance({ db: handle.db, policies: (await readProject(folder)).policies });
    token = (await governance.bootstrapAdmin({ username: 'admin' })).token;
    server = await createServer({ handle, catalog, governance, runtime, webRoot: false });
    url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await runtime?.close();
    await Promise.all(Object.values(providers ?? {}).map((provider) => provider.close?.()));
    await models?.close();
    await new Promise((resolve) => retriever?.close(resolve));
    await handle?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });
  beforeEach(() => models.reset());

  const summarizerCalls = () =>
    models.requests().filter((request) => JSON.stringify(request.body).includes(SUMMARIZER_SYSTEM)).length;

  it('redacts retrieved passages, records their ids, and shows them on GET /api/runs/:id', async () => {
    models.setRules([
      { match: { system: SUMMARIZER_SYSTEM }, reply: 'Two-year warranty on motor and heating element.' },
      {
        match: { system: 'You answer policy questions' },
        reply: 'You can return items within 30 days [handbook:returns].',
      },
    ]);
    const result = await runtime.run('kb/answer', { question: 'How many days do I have to return an item?' });
    expect(result).toMatchObject({ status: 'ok', output: expect.stringContaining('[handbook:returns]') });
    expect(result.retrieved?.map((record) => record.id)).toContain('handbook:returns');
    // What the model saw: the passage, with the address replaced by the guard policy's redaction.
    const answerRequest = models
      .requests()
      .find((request) => JSON.stringify(request.body).includes('You answer policy questions'))!;
    const sent = JSON.stringify(answerRequest.body);
    expect(sent).toContain('returned within 30 days');
    expect(sent).not.toContain(EMAIL);
    expect(result.warnings).toContain('1 piece(s) of personal data redacted from retrieved passages');

    await runtime.flush();
    const response = await fetch(`${url}/api/runs/${result.runId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const record = (await response.json()) as { retrieved: Record<string, unknown>[] };
    expect(record.retrieved).toContainEqual(
      expect.objectContaining({
        seq: 0,
        source: 'handbook',
        passageId: 'handbook:returns',
        docId: 'returns',
        docVersion: expect.stringMatching(/^[0-9a-f]{16}$/),
        form: 'passage',
      }),
    );
    expect(JSON.stringify(record)).not.toContain(EMAIL);
    expect(await metrics.registry.getSingleMetricAsString('promptops_retrieved_passages_total')).toMatch(
      /promptops_retrieved_passages_total\{prompt="kb\/answer",source="handbook",form="passage"\} [1-9]/,
    );
  });

  it('flags an answer citing a passage the run did not retrieve, and a claim without a citation', async () => {
    models.setRules([
      { match: { system: SUMMARIZER_SYSTEM }, reply: 'Two-year warranty on motor and heating element.' },
      {
        match: { system: 'You answer policy questions', lastUserMessage: 'return' },
        reply: 'Returns are free for members [handbook:membership].',
      },
      {
        match: { system: 'You answer policy questions' },
        reply: 'Items can be returned within thirty days of their delivery date.',
      },
    ]);
    const cited = await runtime.run('kb/answer', { question: 'Can I return an item for free?' });
    expect(cited).toMatchObject({ status: 'escalated', output: '' });
    expect(cited.verdicts).toContainEqual(
      expect.objectContaining({
        guard: 'grounding',
        stage: 'output',
        action: 'escalate',
        reason: expect.stringContaining('cites handbook:membership, which this run did not retrieve'),
      }),
    );
    const uncited = await runtime.run('kb/answer', { question: 'What is the delivery window for an item?' });
    expect(uncited.status).toBe('escalated');
    expect(uncited.reason).toContain('1 claim(s) without a citation');
  });

  it('uses a cached summary for a long document until the document changes', async () => {
    models.setRules([
      { match: { system: SUMMARIZER_SYSTEM }, reply: 'Two-year warranty on motor and heating element.' },
      {
        match: { system: 'You answer policy questions' },
        reply: 'The warranty lasts two years [handbook:warranty].',
      },
    ]);
    const question = { question: 'How long is the warranty on the heating element?' };
    // A version of the document no run has summarised yet (earlier tests may have retrieved the old one).
    const repush = async (years: string) => {
      await writeFile(join(folder, 'knowledge/warranty.md'), WARRANTY_LONG.replace('two years', years));
      const pushed = await pushProject(catalog, { actor: 'test' }, await readProject(folder));
      expect(pushed.documents).toEqual([
        { source: 'handbook', added: 0, changed: 1, unchanged: 1, removed: 0 },
      ]);
    };
    await repush('four years');
    const first = await runtime.run('kb/answer', question);
    expect(first.status).toBe('ok');
    expect(first.retrieved).toContainEqual(
      expect.objectContaining({ id: 'handbook:warranty', form: 'summary' }),
    );
    const afterFirst = summarizerCalls();
    expect(afterFirst).toBe(1);
    const second = await runtime.run('kb/answer', question);
    expect(second.status).toBe('ok');
    expect(summarizerCalls()).toBe(afterFirst); // cache hit: the summarizer is not run again

    // A new version of the document (pushed with the project) misses the cache.
    await repush('three years');
    const third = await runtime.run('kb/answer', question);
    expect(third.status).toBe('ok');
    expect(summarizerCalls()).toBe(afterFirst + 1);
    expect(third.retrieved?.find((record) => record.id === 'handbook:warranty')?.version).not.toBe(
      first.retrieved?.find((record) => record.id === 'handbook:warranty')?.version,
    );
  });

  it("searches the application's HTTP retriever and records its passage ids", async () => {
    models.setRules([{ match: { system: 'Partner answers.' }, reply: 'We open at 9 [partner:faq-7].' }]);
    const result = await runtime.run('kb/partner', { question: 'When do you open?' });
    expect(result.status).toBe('ok');
    expect(retrieverQueries.at(-1)).toMatchObject({ source: 'partner', query: 'When do you open?', k: 3 });
    expect(result.retrieved).toEqual([
      expect.objectContaining({ id: 'partner:faq-7', source: 'partner', docId: 'faq-7', version: 'v3' }),
    ]);
  });

  it('fails the run with retrieval_failed when a retriever answers in another shape, calling no model', async () => {
    const result = await runtime.run('kb/broken', { question: 'When do you open?' });
    expect(result.status).toBe('failed');
    expect(result.error).toEqual({
      code: 'retrieval_failed',
      message: 'retrieval source "broken": the answer is not { passages: [{ id, title?, text, version? }] }',
    });
    expect(models.requests()).toEqual([]);
  });

  it('refuses a source the policy does not allow for the prompt, at run time and at push', async () => {
    const strict = await startRuntime({ retrieval_by_classification: { internal: ['public'] } });
    try {
      const result = await strict.run('kb/answer', {
        question: 'How many days do I have to return an item?',
      });
      expect(result.status).toBe('failed');
      expect(result.error).toEqual({
        code: 'retrieval_refused',
        message:
          'kb/answer (internal) may not retrieve from "handbook" (internal): policies.yaml retrieval_by_classification.internal allows public',
      });
      expect(models.requests()).toEqual([]);
    } finally {
      await strict.close();
    }
    // A public prompt naming the confidential hr source is refused before anything is pushed.
    await writeFile(
      join(folder, 'prompts/kb/public-hr.yaml'),
      `description: A public prompt that names a confidential source.
owner: support
risk: low
classification: public
variables:
  type: object
  required: [question]
  properties:
    question: { type: string }
    retrieved: { type: array, default: [] }
text: "{{ question }} {{ retrieved.size }}"
context:
  retrieval: { sources: [hr], query_variable: question }
`,
    );
    try {
      await expect(pushProject(catalog, { actor: 'test' }, await readProject(folder))).rejects.toMatchObject({
        code: 'retrieval_refused',
        message: expect.stringMatching(
          /^1 retrieval problem in .*; nothing was pushed\. First: kb\/public-hr/,
        ),
      });
      await expect(pushProject(catalog, { actor: 'test' }, await readProject(folder))).rejects.toMatchObject({
        message: expect.stringContaining(
          'kb/public-hr (public) may not retrieve from "hr" (confidential): without a retrieval_by_classification.public rule, a public prompt reads public sources only',
        ),
      });
    } finally {
      await rm(join(folder, 'prompts/kb/public-hr.yaml'));
    }
  });
});
