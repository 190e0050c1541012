import { describe, expect, it } from 'vitest';
import { issueLines } from '../../../test/support/issue-lines.ts';
import { makeTempProject } from '../../../test/support/make-temp-project.ts';
import { rejection } from '../../../test/support/rejection.ts';
import { useTempProject } from '../../../test/support/use-temp-project.ts';
import { readProject } from './read-project.ts';

const config = [
  'project: { name: acme }',
  'providers:',
  '  openai: { protocol: openai, api_key_env: OPENAI_API_KEY }',
  'routes:',
  '  classification: { model: openai/gpt-4o-mini }',
  '',
].join('\n');
const prompt = (extra = '') =>
  `description: Triage\nowner: support\nrisk: low\nmessages:\n  - role: user\n    content: "{{ message }}"\n${extra}`;

const project = useTempProject({ 'promptops.yaml': config });

describe('readProject', () => {
  it('loads every artifact in kind-then-name order and lists evals and chains as skipped', async () => {
    await project.write({
      'policies.yaml': 'guards:\n  customer-facing: { output: { commitments: escalate } }\n',
      'prompts/support/triage.yaml': prompt(
        'model: { route: classification }\nguards: { policy: customer-facing }\n',
      ),
      'prompts/billing.yaml': prompt('examples: { bank: support/intents }\n'),
      'prompts/.gitkeep': '',
      'fragments/support/persona.liquid': 'You are Acme support.\n',
      'examples/support/intents.yaml': 'examples:\n  - { input: Hi, output: greeting }\n',
      'evals/support/triage.yaml': 'cases: []\n',
      'chains/support.yaml': 'stages: []\n',
      'README.md': '# not ours\n',
    });
    const result = await readProject(project.root);
    expect(result.root).toBe(project.root);
    expect(result.config.project.name).toBe('acme');
    expect(result.policies.tiers.high.approvals).toBe(2);
    expect(result.artifacts.map((artifact) => `${artifact.kind} ${artifact.name}`)).toEqual([
      'prompt billing',
      'prompt support/triage',
      'fragment support/persona',
      'example-bank support/intents',
    ]);
    expect(result.skipped).toEqual(['chains/support.yaml', 'evals/support/triage.yaml']);
  });

  it('reports the problems of every file together, each with its own location', async () => {
    await project.write({
      'prompts/support/triage.yaml': prompt('model:\n  params: { temprature: 0.2 }\n'),
      'fragments/support/persona.liquid': '---\nowner: support\ntags: persona\n---\nHello\n',
      'examples/support/intents.yaml': 'examples:\n  - input: Hi\n    output: [greeting]\n',
      'prompts/support/notes.md': 'notes\n',
      'prompts/support/escalate.yml': prompt(),
      'policy.yaml': 'tiers: {}\n',
      'fragment/x.liquid': 'Hello\n',
      'docker-compose.yaml': 'services: {}\n',
    });
    const error = await rejection(readProject(project.root));
    expect(error.code).toBe('file_invalid');
    expect(error.message.split('\n')[0]).toBe('7 problems in 7 files:');
    expect(error.details.issues).toEqual([
      {
        message: 'Invalid input: expected string or object, received array',
        location: { file: 'examples/support/intents.yaml', line: 3, column: 5, field: 'examples[0].output' },
      },
      {
        message: 'did you mean fragments/? promptops reads only that name',
        location: { file: 'fragment' },
      },
      {
        message: 'Invalid input: expected array, received string',
        location: { file: 'fragments/support/persona.liquid', line: 3, column: 1, field: 'tags' },
      },
      {
        message: 'did you mean policies.yaml? promptops reads only that name',
        location: { file: 'policy.yaml' },
      },
      {
        message: 'unexpected file: prompt files end in .yaml (rename to prompts/support/escalate.yaml)',
        location: { file: 'prompts/support/escalate.yml' },
      },
      {
        message: 'unexpected file: prompts/ holds only prompt files ending in .yaml',
        location: { file: 'prompts/support/notes.md' },
      },
      {
        message: 'unknown key "temprature"; did you mean "temperature"?',
        location: {
          file: 'prompts/support/triage.yaml',
          line: 8,
          column: 13,
          field: 'model.params.temprature',
        },
      },
    ]);
  });

  it('names references to routes, guard policies and example banks the project does not define', async () => {
    await project.write({
      'prompts/triage.yaml': prompt(
        'model: { route: clasification, fallbacks: [anthropic/claude-haiku] }\nexamples: { bank: intents }\nguards: { policy: strict }\n',
      ),
    });
    const error = await rejection(readProject(project.root));
    expect(issueLines(error)).toEqual([
      '7 model.route: route "clasification" is not defined in promptops.yaml routes; did you mean "classification"?',
      '7 model.fallbacks[0]: provider "anthropic" is not defined in promptops.yaml providers',
      '8 examples.bank: example bank "intents" is not defined in examples/',
      '9 guards.policy: guard policy "strict" is not defined in policies.yaml guards',
    ]);
  });

  it('uses config_invalid when only promptops.yaml or policies.yaml are wrong', async () => {
    await project.write({ 'policies.yaml': 'tiers:\n  high: { approvals: 1, allow_self_approval: true }\n' });
    const error = await rejection(readProject(project.root));
    expect(error.code).toBe('config_invalid');
    expect(error.message).toBe(
      'policies.yaml:2:25 (tiers.high.allow_self_approval): high risk changes need four eyes: allow_self_approval must be false',
    );
  });

  it('names the folder when it has no promptops.yaml', async () => {
    const empty = await makeTempProject({ 'prompts/a.yaml': prompt() });
    try {
      expect((await rejection(readProject(empty.root))).message).toContain(
        `${empty.root} has no promptops.yaml`,
      );
    } finally {
      await empty.remove();
    }
  });
});
