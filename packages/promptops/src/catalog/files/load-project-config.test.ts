import { describe, expect, it } from 'vitest';
import { rejection } from '../../../test/support/rejection.ts';
import { useFileLoader } from '../../../test/support/use-file-loader.ts';
import { loadProjectConfig } from './load-project-config.ts';

const { project, load } = useFileLoader('promptops.yaml', (root) => loadProjectConfig(root));

const openai = 'providers:\n  openai:\n    protocol: openai\n    base_url: https://api.openai.com/v1\n';

describe('loadProjectConfig', () => {
  it('fills defaults for a minimal project', async () => {
    const config = await load('project: { name: acme-support }\n');
    expect(config).toEqual({
      project: { name: 'acme-support' },
      environments: ['development', 'staging', 'production'],
      providers: {},
      routes: {},
      prices: {},
      retention: { run_records_days: 30, redacted_io: true },
      tools: {},
      retrieval: { sources: {}, summaries: { ttl_s: 86_400 } },
    });
  });

  it('reads providers, routes and prices', async () => {
    const config = await load(
      `project: { name: acme }\n${openai}    api_key_env: OPENAI_API_KEY\n    headers: { OpenAI-Project: { env: OPENAI_PROJECT } }\nroutes:\n  fast:\n    model: openai/gpt-4o-mini\n    when: { task: [classification] }\nprices:\n  openai/gpt-4.1: { input_per_mtok: 2, output_per_mtok: 8 }\n`,
    );
    expect(config.providers.openai?.headers).toEqual({ 'OpenAI-Project': { env: 'OPENAI_PROJECT' } });
    expect(config.routes.fast).toEqual({
      model: 'openai/gpt-4o-mini',
      fallbacks: [],
      when: { task: ['classification'] },
    });
    expect(config.prices['openai/gpt-4.1']?.currency).toBe('USD');
  });

  it('rejects an API key written where the variable name belongs, without repeating it', async () => {
    const key = 'sk-abc123def456ghi789jkl012mno345';
    const error = await rejection(load(`project: { name: acme }\n${openai}    api_key_env: ${key}\n`));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toBe(
      'promptops.yaml:6:5 (providers.openai.api_key_env): this looks like a secret: write the NAME of the environment variable that holds it (e.g. OPENAI_API_KEY)',
    );
    expect(JSON.stringify(error.toJSON())).not.toContain(key);
  });

  it('rejects non-http URLs, credentials in URLs and secret header values', async () => {
    const error = await rejection(
      load(
        'project: { name: acme }\nproviders:\n  a:\n    protocol: openai\n    base_url: file:///etc/passwd\n  b:\n    protocol: anthropic\n    base_url: https://user:pw@example.com\n    headers: { X-Api-Key: sk-ant-0123456789 }\n',
      ),
    );
    expect(error.details.issues?.map((issue) => [issue.location?.line, issue.message])).toEqual([
      [5, 'expected an http:// or https:// URL'],
      [8, 'credentials do not belong in the URL: put the key in the variable named by api_key_env'],
      [9, 'this header value looks like a secret: use { env: VARIABLE_NAME } instead'],
    ]);
  });

  it('checks environments, route providers and ai-sdk packages', async () => {
    const error = await rejection(
      load(
        'project: { name: acme }\nenvironments: [staging, Prod]\nproviders:\n  local: { protocol: ai-sdk }\nroutes:\n  fast: { model: openai/gpt-4o-mini }\n',
      ),
    );
    expect(error.details.issues?.map((issue) => `${issue.location?.field}: ${issue.message}`)).toEqual([
      'environments: environments must include production',
      'environments[1]: environment names start with a lower-case letter',
      'providers.local.package: protocol ai-sdk needs package (e.g. @ai-sdk/mistral)',
      'routes.fast.model: provider "openai" is not configured under providers',
    ]);
  });

  it('checks the models promptops calls by itself: a configured provider, embeddings over openai', async () => {
    const error = await rejection(
      load(
        'project: { name: acme }\nproviders:\n  claude: { protocol: anthropic, base_url: https://api.anthropic.com }\nembeddings: { model: claude/embed-1 }\nevaluation:\n  judge: { model: openai/gpt-4o }\n  synthesizer: { model: claude/claude-haiku-4-5 }\n',
      ),
    );
    expect(error.details.issues?.map((issue) => `${issue.location?.field}: ${issue.message}`)).toEqual([
      'embeddings.model: embeddings need a provider with protocol openai (its /embeddings endpoint)',
      'evaluation.judge.model: provider "openai" is not configured under providers',
    ]);
  });

  it('names the folder when promptops.yaml is missing', async () => {
    const error = await rejection(loadProjectConfig(project.root));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toContain(`${project.root} has no promptops.yaml`);
  });
});
