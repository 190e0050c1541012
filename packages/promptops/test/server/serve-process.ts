import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * `promptops serve` as a real child process (its own event loop, its own database connections), for
 * the tests that need more than one server or a server that can be killed: replicas and crash recovery.
 */

const BIN = fileURLToPath(new URL('../../bin/promptops.js', import.meta.url));

export interface ServeProcess {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly pid: number;
  /** Everything it wrote to stderr so far (the announcement, warnings, stack traces). */
  stderr(): string;
  /** Sends SIGKILL and waits for the process to be gone. */
  kill(): Promise<void>;
  /** Sends SIGTERM and resolves with the exit code once it finished its requests and exited. */
  stop(): Promise<number | null>;
}

export interface ServeProcessOptions {
  /** The project folder (promptops.yaml) it runs in. */
  cwd: string;
  /** Where its catalog is: `{ DATABASE_URL }` or `{ PROMPTOPS_DATA_DIR }`. */
  env: Record<string, string>;
  /** A scripted-model file, relative to `cwd`. */
  scriptedModel: string;
  /** How long to wait for it to listen (a restart on PGlite waits for a killed holder's lock to go stale). */
  startTimeoutMs?: number;
}

/** Starts `promptops serve --port 0` and resolves once it announced its address. */
export async function startServeProcess(options: ServeProcessOptions): Promise<ServeProcess> {
  // Node itself runs the bin (not a shell or a re-exec): the pid killed is the server's own.
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--scripted-model', options.scriptedModel],
    {
      cwd: options.cwd,
      env: {
        ...process.env,
        // The catalog is the one the test names, never one a developer's shell points at.
        DATABASE_URL: undefined,
        PROMPTOPS_DATA_DIR: undefined,
        PORT: undefined,
        HOST: undefined,
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`promptops serve did not start in ${options.startTimeoutMs ?? 60_000} ms:\n${stderr}`),
      );
    }, options.startTimeoutMs ?? 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /promptops serving (http:\/\/\S+)/.exec(stderr);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    void exited.then(([code, signal]) => {
      clearTimeout(timer);
      reject(new Error(`promptops serve exited (${code ?? signal}) before listening:\n${stderr}`));
    });
  });
  return {
    url,
    pid: child.pid!,
    stderr: () => stderr,
    async kill() {
      if (isRunning(child)) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (isRunning(child)) child.kill('SIGTERM');
      return (await exited)[0];
    },
  };
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}
