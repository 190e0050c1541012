// The gateway under load (issue 7, Done when): autocannon against 127.0.0.1, bounded in requests and
// time. First the scripted model called directly (the limit on this machine), then the gateway's
// /v1/chat/completions with a governed prompt (`prompt:support/classify-intent@production`) and with
// a routed model (`classification`), the full pipeline on: input and output guards, budgets, batched
// run records, metrics, sampling. Each at a fixed rate and at saturation.
// Run: npm run bench:gateway [-- --rate 100 --connections 24 --duration 20 --postgres URL]
// (figures in bench/RESULTS.md)
//
// Three processes: the scripted model (bench/scripted-server-process.ts), `promptops serve` (its own
// event loop: the bin run by Node, so its pid is the server's and its RSS is read from /proc), and
// this one, the load generator. The server uses the embedded PGlite in a temporary folder, or with
// `--postgres postgres://user@host:5432/db` a scratch database created on that server and dropped
// at the end.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { runCommand } from '../packages/promptops/src/cli/run-command.ts';
import { startScriptedServerProcess } from './bench-setup.ts';

const { values: flags } = parseArgs({
  options: {
    rate: { type: 'string', default: '100' },
    connections: { type: 'string', default: '24' },
    duration: { type: 'string', default: '20' },
    postgres: { type: 'string' },
  },
});
const RATE = Number(flags.rate);
const CONNECTIONS = Number(flags.connections);
const DURATION_S = Number(flags.duration);
/** A run stops at its duration or after this many requests, whichever comes first. */
const MAX_REQUESTS = 200_000;

const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ')} (1/5/15 min)`;
console.log(`${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}; before: ${load()}`);

// ── The scripted model, and the example project pointed at it ────────────────────────────────────
const scripted = await startScriptedServerProcess();
const folder = await mkdtemp(join(tmpdir(), 'promptops-gateway-bench-'));
const project = join(folder, 'acme-support');
const dataDir = join(folder, 'db');
await cp(new URL('../examples/acme-support', import.meta.url), project, { recursive: true });
const configPath = join(project, 'promptops.yaml');
const config = (await readFile(configPath, 'utf8'))
  .replace('base_url: https://api.openai.com/v1', `base_url: ${scripted.url}/v1`)
  .replace('base_url: https://api.anthropic.com', `base_url: ${scripted.url}`);
// Ad-hoc chats through the gateway: routed per promptops.yaml, guarded like a customer-facing prompt.
await writeFile(
  configPath,
  `${config}\ngateway:\n  classification: internal\n  guards: customer-facing\n  owner: platform\n`,
);
const postgres = flags.postgres ? await scratchPostgres(flags.postgres) : undefined;
const cliEnv = {
  ...(postgres ? { DATABASE_URL: postgres.url } : { PROMPTOPS_DATA_DIR: dataDir }),
  PROMPTOPS_ACTOR: 'local:bench',
};
console.log(`database: ${postgres ? 'Postgres (a scratch database)' : 'embedded PGlite in a folder'}`);
const cli = async (...argv: string[]) => {
  let stdout = '';
  let stderr = '';
  const code = await runCommand(argv, {
    cwd: project,
    env: cliEnv,
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  if (code !== 0) throw new Error(`promptops ${argv.join(' ')} failed (${code}): ${stderr}`);
  return stdout;
};
await cli('push', project);
const token = JSON.parse(await cli('users', 'create', 'admin', '--json')).token as string;

// ── promptops serve in its own process ───────────────────────────────────────────────────────────
const serve = spawn(
  process.execPath,
  [new URL('../packages/promptops/bin/promptops.js', import.meta.url).pathname, 'serve', '--port', '0'],
  {
    cwd: project,
    env: { ...process.env, ...cliEnv, OPENAI_API_KEY: 'sk-bench', ANTHROPIC_API_KEY: 'sk-bench' },
    // The request log (one JSON line per request) is written, as in production, and discarded here.
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const gateway = await new Promise<string>((resolve, reject) => {
  let stderr = '';
  serve.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const match = /promptops serving (http:\/\/\S+)/.exec(stderr);
    if (match) resolve(match[1]!);
  });
  serve.once('exit', (code) => reject(new Error(`promptops serve exited (${code}): ${stderr}`)));
});
/**
 * CPU time the server process has used (user + system, ms): per request, a measure of its cost that a
 * busy machine distorts far less than latency does. Linux clock ticks are 100 per second.
 */
const serverCpuMs = async () => {
  const fields = (await readFile(`/proc/${serve.pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const rssMiB = async () => {
  const status = await readFile(`/proc/${serve.pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024);
};
const api = async (path: string, body?: unknown) => {
  const response = await fetch(`${gateway}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
};
// Production serves what was pushed (break glass is enough for a bench).
const artifacts = (await (await api('/api/artifacts?limit=500')).json()) as {
  items: { kind: string; name: string; headVersion: number }[];
};
for (const artifact of artifacts.items) {
  await api('/api/labels', {
    kind: artifact.kind,
    name: artifact.name,
    environment: 'production',
    version: artifact.headVersion,
  });
}

// ── The three targets, each checked once before it is measured ───────────────────────────────────
interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Text the answer must contain. */
  expect: string;
}
const chat = (model: string, content: string) =>
  JSON.stringify({ model, messages: [{ role: 'user', content }] });
const authorized = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const targets: Target[] = [
  {
    name: 'scripted model, direct',
    url: `${scripted.url}/v1/chat/completions`,
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: chat('gpt-4o-mini', 'What is six times seven?'),
    expect: 'Forty-two.',
  },
  {
    name: 'gateway, prompt:support/classify-intent@production',
    url: `${gateway}/v1/chat/completions`,
    headers: authorized,
    body: chat('prompt:support/classify-intent@production', 'I was charged twice for order 1234'),
    expect: 'billing',
  },
  {
    name: 'gateway, routed model (classification)',
    url: `${gateway}/v1/chat/completions`,
    headers: authorized,
    body: chat('classification', 'What is six times seven?'),
    expect: 'Forty-two.',
  },
];
for (const target of targets) {
  const response = await fetch(target.url, { method: 'POST', headers: target.headers, body: target.body });
  const text = await response.text();
  if (!response.ok || !text.includes(target.expect)) {
    throw new Error(`${target.name}: ${response.status} ${text}`);
  }
}

// ── Measuring ────────────────────────────────────────────────────────────────────────────────────
interface Measured {
  target: string;
  mode: string;
  requests: number;
  'req/s': number;
  'p50 ms': number;
  'p99 ms': number;
  'overhead p50 ms': string;
  'overhead p99 ms': string;
  'server CPU ms/req': string;
  'non-2xx': number;
  errors: number;
}

function percentile(sorted: number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))] ?? Number.NaN;
}

async function measure(target: Target, mode: 'fixed' | 'saturation', seconds = DURATION_S) {
  const overheads: number[] = [];
  const cpuBefore = await serverCpuMs();
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    duration: seconds,
    maxOverallRequests: MAX_REQUESTS,
    timeout: 10,
    // autocannon paces each connection per second (its share goes out back to back, then it waits
    // for the next second), so the fixed rate uses few connections, one per 25 req/s: arrivals come
    // in small bursts instead of from every connection at once at the top of each second.
    ...(mode === 'fixed'
      ? { connections: Math.max(1, Math.ceil(RATE / 25)), overallRate: RATE }
      : { connections: CONNECTIONS }),
    // The gateway reports its own time (total minus the model call) in a header on every answer.
    setupClient: (client) => {
      client.on('headers', (info) => {
        // @types/autocannon says IncomingHttpHeaders; autocannon 9 passes the HTTP parser's header
        // info, whose `headers` is the raw [name, value, name, value, …] list.
        const raw = (info as unknown as { headers: string[] }).headers;
        for (let index = 0; index < raw.length; index += 2) {
          if (raw[index]!.toLowerCase() === 'x-promptops-overhead-ms') overheads.push(Number(raw[index + 1]));
        }
      });
    },
  });
  const cpuMs = (await serverCpuMs()) - cpuBefore;
  overheads.sort((left, right) => left - right);
  const row: Measured = {
    target: target.name,
    mode: mode === 'fixed' ? `${RATE} req/s` : `${CONNECTIONS} connections`,
    requests: result.requests.total,
    'req/s': Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    'overhead p50 ms': overheads.length ? percentile(overheads, 0.5).toFixed(2) : '-',
    'overhead p99 ms': overheads.length ? percentile(overheads, 0.99).toFixed(2) : '-',
    // Direct calls never reach the server: its CPU then is only its idle work (timers, flushes).
    'server CPU ms/req': (cpuMs / Math.max(1, result.requests.total)).toFixed(2),
    'non-2xx': result.non2xx,
    errors: result.errors + result.timeouts,
  };
  return row;
}

// A short warm-up of each target (JIT, connection pools, caches), not reported.
for (const target of targets) await measure(target, 'saturation', 3);
const rssBefore = await rssMiB();
console.log(`promptops serve RSS after start-up and warm-up: ${rssBefore} MiB; ${load()}`);

const rows: Measured[] = [];
for (const mode of ['fixed', 'saturation'] as const) {
  for (const target of targets) {
    const row = await measure(target, mode);
    rows.push(row);
    console.log(
      `${row.target} @ ${row.mode}: ${row['req/s']} req/s, p50 ${row['p50 ms']} ms, p99 ${row['p99 ms']} ms`,
    );
  }
}
const rssAfter = await rssMiB();
console.table(rows);

const direct = (mode: string) => rows.find((row) => row.mode === mode && row.target === targets[0]!.name)!;
for (const row of rows.filter((candidate) => candidate.target !== targets[0]!.name)) {
  const base = direct(row.mode);
  console.log(
    `added by the gateway, ${row.target} @ ${row.mode}: p50 +${(row['p50 ms'] - base['p50 ms']).toFixed(2)} ms, ` +
      `p99 +${(row['p99 ms'] - base['p99 ms']).toFixed(2)} ms; its own overhead header p50 ${row['overhead p50 ms']} ms, p99 ${row['overhead p99 ms']} ms`,
  );
}
// The pipeline really ran: count the runs the server's metrics saw, by prompt, status and error.
const metrics = await (await api('/metrics')).text();
const runs = new Map<string, number>();
for (const [, labels, count] of metrics.matchAll(/^promptops_runs_total\{([^}]*)\} (\d+)/gm)) {
  const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels!)?.[1] ?? '';
  const key = `${label('prompt')} ${label('status')}${label('error') ? ` (${label('error')})` : ''}`;
  runs.set(key, (runs.get(key) ?? 0) + Number(count));
}
console.log('runs the server counted in its metrics:');
for (const [key, count] of runs) console.log(`  ${key}: ${count}`);
console.log(
  `promptops serve RSS: ${rssBefore} MiB before the measured runs, ${rssAfter} MiB after; ${load()}`,
);

serve.kill('SIGTERM');
await new Promise((resolve) => serve.once('exit', resolve));
scripted.stop();
await postgres?.drop();
await rm(folder, { recursive: true, force: true });

/** A database of its own on the server `url` names, dropped by `drop`. */
async function scratchPostgres(url: string) {
  const name = `promptops_bench_${Date.now().toString(36)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  return { url: scratch.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
