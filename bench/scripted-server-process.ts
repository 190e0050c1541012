// A scripted model server in its own process, so benchmarks measure promptops's CPU, not the script's.
// Prints its URL on the first line of stdout; exits when stdin closes. `--latency MS` delays every reply.
import { startScriptedModelServer } from '../packages/promptops/src/testing/index.ts';

const latencyFlag = process.argv.indexOf('--latency');
const latencyMs = latencyFlag > 0 ? Number(process.argv[latencyFlag + 1]) : 0;

const server = await startScriptedModelServer({
  announce: false,
  maxLoggedRequests: 0,
  ...(latencyMs > 0 && { faults: { latencyMs } }),
  rules: [
    {
      match: { system: 'customer intent classifier' },
      reply: { json: { intent: 'billing', confidence: 0.95, entities: {} } },
    },
    { reply: 'Forty-two.' },
  ],
});
process.stdout.write(`${server.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
