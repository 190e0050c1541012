import path from 'node:path';
import { artifactPath } from '../../catalog/files/artifact-layout.ts';
import { loadPromptFile } from '../../catalog/files/index.ts';
import { PromptopsError } from '../../errors/index.ts';
import { MAX_REPLAY_LIMIT, type ReplayTarget, replayTraffic } from '../../evaluation/sandbox/index.ts';
import type { RunStatus } from '../../runtime/run-result.ts';
import type { Command } from '../command.ts';
import { toJson } from '../format.ts';
import { rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { openProjectRuntime } from '../project-runtime.ts';
import { wholeNumberOption } from './eval-target-options.ts';
import { formatReplay } from './sandbox-format.ts';

const USAGE =
  'sandbox replay NAME [--file prompts/NAME.yaml | --version N] --environment ENV [--limit 50] [--since ISO_TIME] [--arm stable|canary] [--status STATUS] [--concurrency 4] [--scripted-model FILE]';
const STATUSES: readonly RunStatus[] = ['ok', 'uncertain', 'escalated', 'blocked', 'failed'];

/**
 * `promptops sandbox replay NAME` (issue 10, item 4; docs/sandbox.md): the newest live runs of the
 * prompt in an environment that kept their redacted input, replayed through the draft in the
 * project's file (or `--file`, or a saved `--version`), in the sandbox: recorded apart from
 * production, no tool called. Prints the changed pairs and the summary; `--json` the whole result.
 */
export const sandboxCommand: Command = {
  name: 'sandbox',
  summary: 'Replay recent live runs of a prompt through a draft, without touching production',
  usage: USAGE,
  options: {
    file: { type: 'string' },
    version: { type: 'string' },
    environment: { type: 'string' },
    limit: { type: 'string' },
    since: { type: 'string' },
    arm: { type: 'string' },
    status: { type: 'string' },
    concurrency: { type: 'string' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'replay', USAGE);
    if (subcommand !== 'replay') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown subcommand ${subcommand}; usage: promptops ${USAGE}`,
        {
          parameter: 'subcommand',
        },
      );
    }
    const name = requirePositional(parsed, 1, 'NAME', USAGE);
    rejectExtraPositionals(parsed, 2, USAGE);
    const environment = stringOption(parsed, 'environment');
    if (environment === undefined) {
      throw new PromptopsError('invalid_argument', '--environment is required: whose live runs to replay', {
        parameter: 'environment',
      });
    }
    const version = wholeNumberOption(parsed, 'version', 1, 1_000_000_000);
    const file = stringOption(parsed, 'file');
    if (version !== undefined && file !== undefined) {
      throw new PromptopsError('invalid_argument', 'give --file or --version, not both', {
        parameter: 'version',
      });
    }
    const status = stringOption(parsed, 'status');
    if (status !== undefined && !STATUSES.includes(status as RunStatus)) {
      throw new PromptopsError('invalid_argument', `--status must be one of ${STATUSES.join(', ')}`, {
        parameter: 'status',
      });
    }
    const since = stringOption(parsed, 'since');
    if (since !== undefined && Number.isNaN(Date.parse(since))) {
      throw new PromptopsError('invalid_argument', '--since must be an ISO time, e.g. 2026-12-01T00:00:00Z', {
        parameter: 'since',
      });
    }
    const limit = wholeNumberOption(parsed, 'limit', 1, MAX_REPLAY_LIMIT) ?? 50;
    const concurrency = wholeNumberOption(parsed, 'concurrency', 1, 16);
    const arm = stringOption(parsed, 'arm');
    const root = findProjectRoot(context.cwd);
    if (!root) {
      throw new PromptopsError('config_invalid', `no promptops.yaml in ${context.cwd} or above`, {
        location: { file: path.resolve(context.cwd, 'promptops.yaml') },
      });
    }
    // The draft is the project's file by default: what the author is editing, not yet pushed.
    const draft: ReplayTarget =
      version !== undefined
        ? { version }
        : {
            content: (
              await loadPromptFile(
                root,
                file === undefined
                  ? artifactPath('prompt', name)
                  : path.relative(root, path.resolve(context.cwd, file)).split(path.sep).join('/'),
              )
            ).content,
          };

    const replay = await context.withCatalog(async (catalog, db, handle, { principal }) => {
      const project = await openProjectRuntime({
        cwd: context.cwd,
        env: context.env,
        handle,
        catalog,
        scriptedModel: stringOption(parsed, 'scripted-model'),
        announce: (line) => context.stderr(`${line}\n`),
      });
      try {
        return await replayTraffic({ db, catalog, runtime: project.runtime }, principal, {
          prompt: name,
          draft,
          from: {
            environment,
            limit,
            ...(since !== undefined && { since: new Date(since) }),
            ...(arm !== undefined && { arm }),
            ...(status !== undefined && { status: status as RunStatus }),
          },
          ...(concurrency !== undefined && { concurrency }),
          ...(context.signal && { signal: context.signal }),
        });
      } finally {
        await project.close();
      }
    });
    context.stdout(context.json ? `${toJson(replay)}\n` : formatReplay(replay));
    return 0;
  },
};
