// `npm run demo`: the main job on the embedded default, start to finish, in a fresh temp folder.
// It copies the example catalog, pushes it to an embedded PGlite catalog, renders a prompt, edits a
// file and shows the new version's diff, labels production, runs prompts, chains and eval suites,
// verifies the audit chain, then creates demo users and serves the whole thing over HTTP (REST, the
// OpenAI-compatible gateway, metrics, the web UI) until Ctrl-C. `npm run demo -- --no-serve` stops
// before serving. Every step is the real CLI (runCommand, the function behind the `promptops`
// binary), printed as you would type it.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../packages/promptops/src/cli/run-command.ts';

const workspace = await mkdtemp(join(tmpdir(), 'promptops-demo-'));
await cp(new URL('../examples/acme-support', import.meta.url), join(workspace, 'acme-support'), {
  recursive: true,
});
const env: Record<string, string | undefined> = {
  ...process.env,
  PROMPTOPS_DATA_DIR: join(workspace, '.promptops', 'db'),
  DATABASE_URL: undefined,
};

async function step(
  title: string,
  argv: string[],
  cwd = workspace,
  expectedCode = 0,
  io: { stdin?: () => Promise<string>; stdout?: (text: string) => void } = {},
): Promise<void> {
  console.log(
    `${title ? `\n# ${title}` : ''}\n$ promptops ${argv.map((part) => (/[\s"]/.test(part) ? JSON.stringify(part) : part)).join(' ')}`,
  );
  if (cwd !== workspace) console.log(`  (in ${cwd.slice(workspace.length + 1)})`);
  const code = await runCommand(argv, {
    cwd,
    env,
    stdout: io.stdout ?? ((text) => process.stdout.write(text)),
    stderr: (text) => process.stderr.write(text),
    ...(io.stdin && { stdin: io.stdin }),
  });
  if (code !== expectedCode) {
    console.error(`(exit code ${code})`);
    process.exit(code === 0 ? 1 : code);
  }
  if (code !== 0) console.log(`(exit code ${code}, as expected)`);
}

console.log(
  `promptops demo in ${workspace} (embedded PGlite catalog; a scripted model stands in for real ones)`,
);
await step('Push the example catalog: one version per prompt, fragment and example bank', [
  'push',
  'acme-support',
]);
await step('Push again: nothing changed, so no new versions', ['push', 'acme-support']);
await step('The catalog', ['list']);
await step('Render the intent classifier with a customer message', [
  'render',
  'support/classify-intent',
  '--var',
  'customer_message=I was charged twice for order #1234, please fix it',
]);

const file = join(workspace, 'acme-support', 'prompts', 'support', 'classify-intent.yaml');
const text = await readFile(file, 'utf8');
await writeFile(
  file,
  text.replace('when you are mostly guessing.', 'when you are mostly guessing. Never round confidence up.'),
);
await step('Edit one sentence of prompts/support/classify-intent.yaml, then push: exactly one new version', [
  'push',
  'acme-support',
  '-m',
  'Tell the classifier not to round confidence up',
]);
await step('What changed between v1 and v2', ['diff', 'support/classify-intent', '1', '2']);
await step(
  'Fragments and example banks are deployed like prompts: production serves only what is labelled there',
  ['label', 'support/uncertainty', '1', 'production'],
);
await step('', ['label', 'support/intent-examples', '1', 'production']);
await step('Serve v2 in production', [
  'label',
  'support/classify-intent',
  '2',
  'production',
  '--reason',
  'demo release',
]);
await step('Every version and environment move', ['history', 'support/classify-intent']);
const project = join(workspace, 'acme-support');
const scripted = ['--scripted-model', 'demo/scripted-model.yaml'];
await step(
  'Run the classifier through the runtime (a scripted model stands in for OpenAI: no key, no cost)',
  [
    'run',
    'support/classify-intent@production',
    '--var',
    'customer_message=I was charged twice for order 1234',
    ...scripted,
  ],
  project,
);
await step(
  "Run the seed's customer-service chain: classify, gather, respond",
  ['chain', 'customer-service', '--var', 'customer_message=I was charged twice for order 1234', ...scripted],
  project,
);
await step(
  'A message the classifier is unsure about escalates to a person instead of being answered',
  ['chain', 'customer-service', '--var', 'customer_message=hello?', ...scripted],
  project,
);
await step(
  'Test the prompts like code: every eval suite through the runtime, guards included (exit 11: the intent classifier misses its thresholds, honestly)',
  ['test', ...scripted, '--output', 'reports/junit.xml', '--output', 'reports/eval.html'],
  project,
  11,
);
await step('Prove the audit trail has not been tampered with', ['audit', 'verify']);
if (process.argv.includes('--no-serve')) {
  console.log(
    `\nDone. Explore this catalog from the repository root:\n  PROMPTOPS_DATA_DIR=${env.PROMPTOPS_DATA_DIR} npx promptops show support/classify-intent@production`,
  );
  process.exit(0);
}

// Serving: the catalog gets users (until now the local owner acted alone), then `promptops serve`.
const password = randomBytes(9).toString('base64url');
let adminToken = '';
await step(
  'Create the first admin (it gets an API token; from now on every command and request signs in)',
  ['users', 'create', 'admin', '--password-stdin', '--json'],
  workspace,
  0,
  {
    stdin: async () => password,
    stdout: (text) => {
      adminToken = (JSON.parse(text) as { token: string }).token;
      console.log('created admin (token below)');
    },
  },
);
env.PROMPTOPS_TOKEN = adminToken;
const demoUsers: [string, string[]][] = [
  ['ana', ['author:support/']],
  ['rui', ['approver:support/']],
  ['dee', ['deployer:support/']],
  ['val', ['viewer']],
];
for (const [username, roles] of demoUsers) {
  await step(
    '',
    ['users', 'create', username, ...roles.flatMap((role) => ['--role', role]), '--password-stdin'],
    workspace,
    0,
    { stdin: async () => password },
  );
}

const port = env.PORT ?? '8080';
const base = `http://127.0.0.1:${port}`;
const serveLog = join(workspace, 'serve.log');
const promptopsBin = fileURLToPath(new URL('../node_modules/.bin/promptops', import.meta.url));
console.log(`
# Serve it: REST API, OpenAI-compatible gateway, metrics and the web UI (Ctrl-C stops it)
  web UI         ${base}/            sign in as admin, ana (author), rui (approver), dee (deployer)
                                      or val (viewer); every demo password is ${password}
  API docs       ${base}/api/docs
  metrics        curl -H "Authorization: Bearer $PROMPTOPS_TOKEN" ${base}/metrics
  gateway        any OpenAI client with baseURL ${base}/v1 and the token as its API key, e.g.
                 curl ${base}/v1/chat/completions -H "Authorization: Bearer $PROMPTOPS_TOKEN" \\
                   -H 'content-type: application/json' \\
                   -d '{"model":"prompt:support/classify-intent@production","messages":[{"role":"user","content":"I was charged twice"}]}'
  admin token    export PROMPTOPS_TOKEN=${adminToken}
  request logs   ${serveLog}

  A real model instead of the scripted one: set OPENAI_API_KEY (promptops.yaml names the variable;
  the key itself is never stored) and serve the same catalog without --scripted-model:
    cd ${project}
    PROMPTOPS_DATA_DIR=${env.PROMPTOPS_DATA_DIR} ${promptopsBin} serve
  For a shared Postgres set DATABASE_URL=postgres://... instead of PROMPTOPS_DATA_DIR (docs/server.md).
`);
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort());
const code = await runCommand(['serve', '--port', port, ...scripted], {
  cwd: project,
  env,
  stdout: (text) => appendFileSync(serveLog, text),
  stderr: (text) => process.stderr.write(text),
  signal: stop.signal,
});
process.exit(code);
