import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import type { PromptContent } from '../catalog/content/prompt-content.ts';
import type { Catalog } from '../catalog/service/catalog.ts';
import type { VersionRecord } from '../catalog/service/records.ts';
import type { VersionSelector } from '../catalog/service/selector.ts';
import { PromptopsError } from '../errors/index.ts';
import { recordedDetails, type SuiteReport, testedWithOf } from '../evaluation/reports/index.ts';
import {
  assertionServices,
  createFileResponseCache,
  fragmentExecutor,
  promptExecutor,
  type ResponseCache,
  runSuite,
  withResponseCache,
} from '../evaluation/runner/index.ts';
import type { LoadedSuite } from '../evaluation/suites/index.ts';
import { authorize, can, type Principal } from '../governance/access/index.ts';
import type { CliSession, CommandContext } from './command.ts';
import { progressBar } from './progress-bar.ts';
import { findProjectRoot } from './project-root.ts';
import { openProjectRuntime, type ProjectRuntime } from './project-runtime.ts';

/** Which version a suite runs: the command line's choice before the suite file's. */
export interface TargetChoice {
  version?: number;
  environment?: string;
  /** `provider/model` instead of the prompt's route (model comparisons). */
  model?: string;
}

export interface EvalRunOptions {
  repeat?: number;
  concurrency?: number;
  /** The progress bar's label; the suite name by default. */
  label?: string;
}

export interface EvalSession {
  project: ProjectRuntime;
  catalog: Catalog;
  principal: Principal;
  /** Resolves the suite's target, then runs every case with a progress bar on stderr. */
  run(suite: LoadedSuite, choice: TargetChoice, options?: EvalRunOptions): Promise<SuiteReport>;
  /**
   * Stores the result against the version that ran (the evidence approval gates read). Returns
   * what happened in words: recorded, or why not.
   */
  record(suite: LoadedSuite, report: SuiteReport): Promise<string>;
  /** Model answers served from the response cache, and answers fetched, so far. */
  cache: { hits: number; misses: number } | null;
}

/**
 * Opens the catalog and the project's runtime for evaluation: providers wrapped in the response
 * cache (`.promptops/eval-cache`, unless `cache` is false), the judge and embeddings promptops.yaml
 * names, and a scripted model when asked for.
 */
export function withEvalSession<T>(
  context: CommandContext,
  options: { scriptedModel?: string; cache: boolean },
  work: (session: EvalSession) => Promise<T>,
): Promise<T> {
  return context.withCatalog(async (catalog, _db, handle, cli) => {
    const counts = { hits: 0, misses: 0 };
    const root = findProjectRoot(context.cwd) ?? context.cwd;
    const cache = countingCache(
      createFileResponseCache(await cacheFolder(root, context.cwd, options.scriptedModel)),
      counts,
    );
    const project = await openProjectRuntime({
      cwd: context.cwd,
      env: context.env,
      handle,
      catalog,
      ...(options.scriptedModel !== undefined && { scriptedModel: options.scriptedModel }),
      announce: (line) => context.stderr(`${line}\n`),
      ...(options.cache && {
        wrapProvider: (provider) => withResponseCache(provider, cache),
      }),
    });
    try {
      return await work(createSession(context, catalog, cli, project, options.cache ? counts : null));
    } finally {
      await project.close();
    }
  });
}

function createSession(
  context: CommandContext,
  catalog: Catalog,
  cli: CliSession,
  project: ProjectRuntime,
  cache: EvalSession['cache'],
): EvalSession {
  const services = assertionServices(project.config, project.providers);
  return {
    project,
    catalog,
    principal: cli.principal,
    cache,
    async run(suite, choice, options = {}) {
      const target = await resolveTarget(catalog, cli.principal, suite, choice);
      const bar = progressBar({
        label: options.label ?? suite.name,
        write: (text) => context.stderr(text),
        isTty: context.isTty === true,
      });
      try {
        return await runSuite({
          suite,
          version: target.record.version,
          execute:
            target.record.kind === 'prompt'
              ? promptExecutor(project.runtime, {
                  prompt: target.record.name,
                  version: target.record.version,
                  ...(target.environment !== undefined && { environment: target.environment }),
                  ...(choice.model !== undefined && { model: choice.model }),
                  suite: suite.name,
                })
              : fragmentExecutor(
                  catalog,
                  target.record,
                  target.environment !== undefined ? { environment: target.environment } : {},
                ),
          services,
          ...(options.repeat !== undefined && { repeat: options.repeat }),
          ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
          onProgress: (done, total) => bar.update(done, total),
        });
      } finally {
        bar.finish();
      }
    },
    async record(suite, report) {
      if (report.version === undefined || report.metrics.cases === 0) return 'not recorded: nothing ran';
      if (!can(cli.principal, 'eval-record', report.target)) {
        return `not recorded: ${cli.principal.actor} may not record eval results on ${report.target} (needs deployer)`;
      }
      const kind = 'prompt' in suite.content.target ? 'prompt' : 'fragment';
      const tested = await catalog.resolve(kind, report.target, { version: report.version });
      await cli.governance.evals.record(cli.principal, {
        kind,
        name: report.target,
        version: report.version,
        suite: suite.name,
        passed: report.metrics.passed,
        total: report.metrics.cases,
        details: {
          ...recordedDetails(report),
          testedWith: testedWithOf(report, {
            promptops: packageJson.version,
            ...(kind === 'prompt' && { content: tested.content as PromptContent }),
          }),
        },
      });
      return `recorded on ${report.target} v${report.version}`;
    },
  };
}

interface ResolvedTarget {
  record: VersionRecord;
  /** The environment the run happens in: its fragments and the prompt's environment overrides. */
  environment?: string;
}

/**
 * The version a suite runs. `--version` pins one (in the suite's environment, if it names one);
 * `--env` runs what that environment serves; otherwise the suite file's version or environment,
 * else the latest version.
 */
async function resolveTarget(
  catalog: Catalog,
  principal: Principal,
  suite: LoadedSuite,
  choice: TargetChoice,
): Promise<ResolvedTarget> {
  const target = suite.content.target;
  const kind = 'prompt' in target ? 'prompt' : 'fragment';
  const name = 'prompt' in target ? target.prompt : target.fragment;
  authorize(principal, kind === 'prompt' ? 'prompt-run' : 'catalog-read', name);
  const environment = choice.environment ?? target.environment;
  const version = choice.version ?? (choice.environment === undefined ? target.version : undefined);
  const selector: VersionSelector =
    version !== undefined ? { version } : environment !== undefined ? { environment } : { latest: true };
  try {
    const record = await catalog.resolve(kind, name, selector);
    return { record, ...(environment !== undefined && { environment }) };
  } catch (error) {
    if (!PromptopsError.isInstance(error)) throw error;
    throw new PromptopsError(error.code, `${suite.file}: ${error.message}`, {
      ...error.details,
      location: { file: suite.file, line: suite.locate(['target']).line },
    });
  }
}

/**
 * `.promptops/eval-cache`; scripted answers go to a folder of their own per script content, so they
 * never stand in for a real model's and an edited script is never answered from the old one.
 */
async function cacheFolder(root: string, cwd: string, scriptedModel: string | undefined): Promise<string> {
  const base = join(root, '.promptops', 'eval-cache');
  if (scriptedModel === undefined) return base;
  const script = await readFile(resolve(cwd, scriptedModel)).catch(() => Buffer.from(scriptedModel));
  return join(base, 'scripted', createHash('sha256').update(script).digest('hex').slice(0, 16));
}

function countingCache(cache: ResponseCache, counts: { hits: number; misses: number }): ResponseCache {
  return {
    async get(key) {
      const found = await cache.get(key);
      if (found) counts.hits += 1;
      return found;
    },
    async set(key, response) {
      counts.misses += 1;
      await cache.set(key, response);
    },
  };
}
