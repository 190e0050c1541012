import { once } from 'node:events';
import { PromptopsError } from '../../errors/index.ts';
import { createDriftWatch, runDriftCheck } from '../../evaluation/drift/index.ts';
import { createExperimentWatch } from '../../evaluation/experiments/index.ts';
import { assertionServices } from '../../evaluation/runner/index.ts';
import { loadSuites } from '../../evaluation/suites/index.ts';
import { startWebhookDispatcher } from '../../governance/events/webhook-dispatcher.ts';
import { watchCatalogPolicies } from '../../governance/policies/watch-catalog-policies.ts';
import { createAlertMonitor } from '../../observability/alerts/index.ts';
import { createRunMetrics } from '../../observability/metrics/run-metrics.ts';
import { startTracing } from '../../observability/tracing/start-tracing.ts';
import { createServer } from '../../server/create-server.ts';
import { countUsers } from '../../store/index.ts';
import type { Command, CommandContext } from '../command.ts';
import { driftCheckDeps } from '../drift-deps.ts';
import { rejectExtraPositionals, stringOption } from '../options.ts';
import { findProjectRoot } from '../project-root.ts';
import { openProjectRuntime } from '../project-runtime.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the REST API over HTTP until stopped (SIGINT/SIGTERM finish requests in flight first)',
  usage: 'serve [--port 8080] [--host 127.0.0.1] [--scripted-model FILE]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    rejectExtraPositionals(parsed, 0, this.usage);
    const port = portOption(stringOption(parsed, 'port') ?? context.env.PORT ?? '8080');
    const host = stringOption(parsed, 'host') ?? context.env.HOST ?? '127.0.0.1';
    const scriptedModel = stringOption(parsed, 'scripted-model');
    // OpenTelemetry traces, only when the OTEL_* variables ask for them (docs/server.md, Traces).
    const tracing = await startTracing(context.env);
    try {
      return await serveUntilStopped(context, { port, host, scriptedModel, tracing: tracing?.destination });
    } finally {
      await tracing?.shutdown();
    }
  },
};

async function serveUntilStopped(
  context: CommandContext,
  settings: { port: number; host: string; scriptedModel?: string; tracing?: string },
): Promise<number> {
  const { port, host, scriptedModel } = settings;
  return context.withCatalog(
    async (catalog, db, handle, { governance }) => {
      const root = findProjectRoot(context.cwd);
      const metrics = createRunMetrics();
      // Alert rules of the policies in force, judged over the runs this process serves.
      const policies = governance.policies;
      const alerts =
        root && policies.alerts.length > 0
          ? createAlertMonitor({ rules: policies.alerts, governance: { db, policies } })
          : undefined;
      const project = root
        ? await openProjectRuntime({
            cwd: context.cwd,
            env: context.env,
            handle,
            catalog,
            ...(scriptedModel !== undefined && { scriptedModel }),
            announce: (line) => context.stderr(`${line}\n`),
            observers: alerts ? [metrics.observe, alerts.observe] : [metrics.observe],
            sampleWorker: true,
            // The policies in force, as governance reads them: the catalog's once pushed.
            policies,
          })
        : undefined;
      const server = await createServer({
        handle,
        catalog,
        governance,
        ...(project && {
          runtime: project.runtime,
          suites: {
            loadSuites: () => loadSuites(project.root),
            services: assertionServices(project.config, project.providers),
          },
        }),
        metrics,
        ...(alerts && { alerts }),
        log: { write: (line) => context.stdout(line) },
      });
      const webhooks = startWebhookDispatcher({
        db,
        env: context.env,
        onError: (error) => server.app.log.error({ err: String(error) }, 'webhook delivery failed'),
      });
      alerts?.start(server.app.log);
      // Drift watch (policies.yaml evaluation.drift): one replica at a time re-runs deployed suites.
      const driftPolicy = policies.evaluation.drift;
      const drift =
        project && driftPolicy
          ? createDriftWatch({
              db,
              policy: driftPolicy,
              log: server.app.log,
              check: () =>
                runDriftCheck(
                  driftCheckDeps({
                    db,
                    catalog,
                    governance,
                    project,
                    policy: driftPolicy,
                    log: server.app.log,
                  }),
                ),
            })
          : undefined;
      // A/B experiments: one replica at a time applies the stopping rule to running experiments.
      const experiments = createExperimentWatch({ db, log: server.app.log });
      // A policies.yaml push reaches this process within seconds: governance follows it at once.
      const policiesWatch = await watchCatalogPolicies({
        db,
        onChange(next, hash) {
          governance.usePolicies(next);
          server.app.log.warn(
            { policiesHash: hash },
            'policies changed in the catalog: approvals, eval gates, freezes and canary rules apply now; guards, budgets, model rules and alert rules apply when serve restarts',
          );
        },
        onError: (error) =>
          server.app.log.error({ err: String(error) }, 'reading the policies in force failed'),
      });
      try {
        const address = await server.app.listen({ port, host });
        context.stderr(
          `promptops serving ${address}  (REST: ${address}/api · health: ${address}/healthz, ${address}/readyz)\n` +
            (project ? '' : '   no promptops.yaml here: the catalog is served, prompts cannot be run\n'),
        );
        drift?.start();
        experiments.start();
        if (driftPolicy && project) {
          context.stderr(
            `   drift watch: suites of the versions ${driftPolicy.environments.join(', ')} serve${driftPolicy.environments.length === 1 ? 's' : ''} re-run every ${driftPolicy.every}\n`,
          );
        }
        if (settings.tracing) context.stderr(`   traces (OpenTelemetry) go to ${settings.tracing}\n`);
        if ((await countUsers(db)) === 0) {
          context.stderr(
            '   no users yet: every API call needs a token. Create the first admin: promptops users create NAME\n',
          );
        }
        if (context.signal && !context.signal.aborted) await once(context.signal, 'abort');
        context.stderr('stopping: finishing requests in flight, then flushing run records\n');
      } finally {
        await policiesWatch.stop();
        await server.close();
        await alerts?.close();
        await drift?.close();
        await experiments.close();
        await webhooks.stop();
        await project?.close();
      }
      return 0;
      // The server acts for no one: each request signs in with its own token or session.
    },
    { anonymous: true },
  );
}

function portOption(text: string): number {
  const port = Number(text);
  if (!/^\d{1,5}$/.test(text) || port > 65_535) {
    throw new PromptopsError('invalid_argument', '--port must be a number from 0 to 65535', {
      parameter: 'port',
    });
  }
  return port;
}
