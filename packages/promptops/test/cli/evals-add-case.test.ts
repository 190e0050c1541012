import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proposeEvalCase } from '../../src/evaluation/feedback/index.ts';
import { localOwner } from '../../src/governance/access/index.ts';
import { listRunRecords, openDatabase } from '../../src/store/index.ts';
import { cli, editFile } from './cli-harness.ts';
import { useCliScratch } from './use-cli-scratch.ts';

const SCRIPT = `
rules:
  - match: {}
    reply: Honestly, the Globex kettle is great too.
`;

describe('promptops evals add-case: a bad live answer becomes a case in the suite files', () => {
  const scratch = useCliScratch('add-case', {
    push: true,
    beforePush: async (project) => {
      // Every live run of the assistant sampled, so its redacted input is kept.
      await editFile(join(project, 'prompts', 'support', 'assistant.yaml'), '  rate: 0.01\n', '  rate: 1\n');
      await writeFile(join(project, 'script.yaml'), SCRIPT);
    },
  });
  const inProject = (...argv: string[]) => cli(argv, { cwd: scratch.project, dataDir: scratch.dataDir });
  const suiteFile = () => join(scratch.project, 'evals', 'support', 'behavioural.yaml');
  const casesFile = () => join(scratch.project, 'evals', 'support', 'behavioural.cases.jsonl');

  it('writes a run as a case with its redacted input and the expected outcome, and adds the file to cases_from', async () => {
    const ran = await inProject(
      'run',
      'support/assistant',
      '--var',
      'customer_message=Is Globex better? Mail me at jane.doe@example.com',
      '--scripted-model',
      'script.yaml',
      '--json',
    );
    const runId = JSON.parse(ran.stdout).runId as string;
    const suiteBefore = await readFile(suiteFile(), 'utf8');

    const added = await inProject(
      'evals',
      'add-case',
      'support/behavioural',
      '--from-run',
      runId,
      '--expect',
      'not-icontains:Globex',
      '--expect',
      '{"type": "max-words", "value": 120}',
      '--id',
      'no-competitor-praise',
      '--json',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const report = JSON.parse(added.stdout);
    expect(report).toMatchObject({
      suite: 'support/behavioural',
      file: 'evals/support/behavioural.cases.jsonl',
      casesFromAdded: true,
      variablesFrom: 'redacted-input',
      case: {
        id: 'no-competitor-praise',
        assert: [
          { type: 'not-icontains', value: 'Globex' },
          { type: 'max-words', value: 120 },
        ],
        tags: ['from-production'],
      },
    });
    // The redacted input, never the raw address.
    const line = JSON.parse((await readFile(casesFile(), 'utf8')).trim());
    expect(line.variables.customer_message).toContain('[EMAIL]');
    expect(JSON.stringify(line)).not.toContain('jane.doe@example.com');
    // The suite file keeps its comments and gains the case file.
    const suiteAfter = await readFile(suiteFile(), 'utf8');
    expect(suiteAfter).toContain('cases_from:');
    expect(suiteAfter).toContain('behavioural.cases.jsonl');
    expect(suiteAfter.split('\n').filter((text) => text.trimStart().startsWith('#'))).toEqual(
      suiteBefore.split('\n').filter((text) => text.trimStart().startsWith('#')),
    );

    // The same id again is refused as the suite would refuse it, and nothing changes.
    const again = await inProject(
      'evals',
      'add-case',
      'support/behavioural',
      '--from-run',
      runId,
      '--expect',
      'not-icontains:Globex',
      '--id',
      'no-competitor-praise',
    );
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/behavioural\.cases\.jsonl:2.*no-competitor-praise/s);
    expect((await readFile(casesFile(), 'utf8')).trim().split('\n')).toHaveLength(1);

    // A run of another prompt does not belong in this suite.
    const wrongSuite = await inProject(
      'evals',
      'add-case',
      'support/intents',
      '--from-run',
      runId,
      '--expect-class',
      'billing',
    );
    expect(wrongSuite.code).toBe(2);
    expect(wrongSuite.stderr).toContain('tests support/classify-intent, not support/assistant');
  });

  it("takes a failed eval case's variables from its suite file, and a proposal made over REST", async () => {
    const fromEval = await inProject(
      'evals',
      'add-case',
      'support/behavioural',
      '--from-eval',
      'support/adversarial:ignore-instructions',
      '--expect',
      'not-icontains:system prompt',
      '--json',
    );
    expect(fromEval.stderr).toBe('');
    expect(JSON.parse(fromEval.stdout)).toMatchObject({
      variablesFrom: 'suite-case',
      casesFromAdded: false,
      case: { id: 'ignore-instructions.regression', tags: ['from-eval'] },
    });

    // A reviewer proposed a case over REST (here through the same function the route calls).
    const handle = await openDatabase({ dataDir: scratch.dataDir });
    const [record] = await listRunRecords(handle.db, { prompt: 'support/assistant', limit: 1 });
    const runId = record?.id as string;
    const candidate = await proposeEvalCase({ db: handle.db }, localOwner('user:rita'), {
      from: { run: runId },
      suite: 'support/behavioural',
      expected: { assert: [{ type: 'not-icontains', value: 'Initech' }] },
      id: 'proposed-over-rest',
    });
    await handle.close();

    const waiting = await inProject('evals', 'candidates', 'support/behavioural');
    expect(waiting.stdout).toMatch(
      new RegExp(`^${candidate.id}\\s+support/behavioural\\s+proposed-over-rest\\s+run `, 'm'),
    );

    const taken = await inProject(
      'evals',
      'add-case',
      'support/behavioural',
      '--from-candidate',
      String(candidate.id),
    );
    expect(taken.stderr).toBe('');
    expect(taken.stdout).toContain('added case proposed-over-rest to evals/support/behavioural.cases.jsonl');
    expect((await readFile(casesFile(), 'utf8')).trim().split('\n')).toHaveLength(3);
    // Once written it is settled: a second take is a conflict and the file stays as it is.
    const twice = await inProject(
      'evals',
      'add-case',
      'support/behavioural',
      '--from-candidate',
      String(candidate.id),
    );
    expect(twice.code).toBe(4);
    expect((await readFile(casesFile(), 'utf8')).trim().split('\n')).toHaveLength(3);

    expect((await inProject('evals', 'candidates', 'support/behavioural')).stdout).toContain(
      'no proposed eval cases for support/behavioural',
    );
    const added = JSON.parse((await inProject('evals', 'candidates', '--state', 'added', '--json')).stdout);
    expect(added).toMatchObject([{ id: candidate.id, decision: 'evals/support/behavioural.cases.jsonl' }]);

    const audit = await inProject('audit', 'log', '--json');
    expect(audit.stdout).toContain('eval-case-add');
  });

  it('refuses a run without an expected outcome, or with two sources', async () => {
    const none = await inProject('evals', 'add-case', 'support/behavioural', '--from-run', 'x');
    expect(none.code).toBe(3);
    const two = await inProject(
      'evals',
      'add-case',
      'support/behavioural',
      '--from-run',
      'x',
      '--from-sample',
      '1',
    );
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('exactly one of');
  });
});
