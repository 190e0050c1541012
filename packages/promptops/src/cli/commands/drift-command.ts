import { exitCodeOf, PromptopsError } from '../../errors/index.ts';
import {
  type DriftCheckReport,
  type DriftSuiteResult,
  driftReason,
  runDriftCheck,
  runUnderDriftLease,
} from '../../evaluation/drift/index.ts';
import { formatPercent } from '../../evaluation/reports/format-values.ts';
import { authorize } from '../../governance/access/index.ts';
import { DriftPolicy } from '../../governance/policies/index.ts';
import type { Command } from '../command.ts';
import { driftCheckDeps } from '../drift-deps.ts';
import { toJson } from '../format.ts';
import { flag, rejectExtraPositionals, requirePositional, stringOption } from '../options.ts';
import { openProjectRuntime } from '../project-runtime.ts';

const USAGE = 'drift check [--json] [--fail-on-drift] [--scripted-model FILE]';

export const driftCommand: Command = {
  name: 'drift',
  summary:
    'Re-run the suites of deployed versions now and compare with their previous results (the drift watch, on demand)',
  usage: USAGE,
  options: {
    'fail-on-drift': { type: 'boolean' },
    'scripted-model': { type: 'string' },
  },
  async run(context, parsed) {
    const subcommand = requirePositional(parsed, 0, 'check', USAGE);
    if (subcommand !== 'check') {
      throw new PromptopsError(
        'invalid_argument',
        `unknown drift subcommand "${subcommand}"\nusage: promptops ${USAGE}`,
        {
          parameter: 'subcommand',
        },
      );
    }
    rejectExtraPositionals(parsed, 1, USAGE);
    const scriptedModel = stringOption(parsed, 'scripted-model');
    const report = await context.withCatalog(async (catalog, db, handle, { principal, governance }) => {
      // It records results as system:drift for every prompt: a deployer over the whole catalog may.
      authorize(principal, 'eval-record', '');
      const configured = governance.policies.evaluation.drift;
      if (!configured) {
        context.stderr('   no evaluation.drift in policies.yaml: checking production with a 5-point drop\n');
      }
      const policy = configured ?? DriftPolicy.parse({});
      const project = await openProjectRuntime({
        cwd: context.cwd,
        env: context.env,
        handle,
        catalog,
        ...(scriptedModel !== undefined && { scriptedModel }),
        announce: (line) => context.stderr(`${line}\n`),
        policies: governance.policies,
      });
      try {
        const log = {
          info: () => undefined,
          warn: (_fields: object, message: string) => context.stderr(`${message}\n`),
          error: (_fields: object, message: string) => context.stderr(`${message}\n`),
        };
        const deps = driftCheckDeps({ db, catalog, governance, project, policy, log });
        const outcome = await runUnderDriftLease({ db }, () => runDriftCheck(deps));
        if (outcome.outcome === 'skipped') {
          throw new PromptopsError(
            'conflict',
            `a drift check is running elsewhere (${outcome.heldBy ?? 'another process'}, lease until ${outcome.until ?? 'soon'}): try again when it ends`,
            {},
          );
        }
        return outcome.report;
      } finally {
        await project.close();
      }
    });
    context.stdout(context.json ? `${toJson(report)}\n` : formatDriftReport(report));
    const drifted = report.results.some((result) => result.drifted);
    return flag(parsed, 'fail-on-drift') && drifted ? exitCodeOf('eval_failed') : 0;
  },
};

function formatDriftReport(report: DriftCheckReport): string {
  if (report.results.length === 0) return 'drift check: no suite targets a deployed version\n';
  const lines = report.results.map(resultLine);
  const drifted = report.results.filter((result) => result.drifted).length;
  lines.push(
    '',
    `drift check: ${report.results.length} suite${report.results.length === 1 ? '' : 's'} re-run, ${drifted} drifted by more than ${(report.drop * 100).toFixed(1)} points`,
  );
  return `${lines.join('\n')}\n`;
}

function resultLine(result: DriftSuiteResult): string {
  const where = `${result.suite} → ${result.prompt} v${result.version} (${result.environments.join(', ')})`;
  if (result.error !== undefined) return `!  ${where}: not checked: ${result.error}`;
  const now = `${formatPercent(result.passRate)} (${result.passed}/${result.total})`;
  if (!result.previous) return `·  ${where}: pass rate ${now}; first result, nothing to compare`;
  if (result.drifted) {
    const cases = result.findings.regressions.map((entry) => entry.caseId);
    return (
      `✗  DRIFT ${driftReason(result)}` + (cases.length > 0 ? `\n     now failing: ${cases.join(', ')}` : '')
    );
  }
  return `✓  ${where}: pass rate ${formatPercent(result.previous.passRate)} → ${now}`;
}
