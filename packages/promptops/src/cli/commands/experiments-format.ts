import {
  type ExperimentFigures,
  type ExperimentView,
  formatComparison,
  formatFigure,
  type MetricFigures,
} from '../../evaluation/experiments/index.ts';
import { table } from '../format.ts';

const progress = (experiment: ExperimentView, figures: ExperimentFigures | null) =>
  figures
    ? `${figures.goal.treatment.n} / ${figures.goal.control.n} of ${experiment.stoppingRule.minPerArm}`
    : '-';

/** Experiments as a table: one line each, the verdict or the samples so far. */
export function experimentRows(experiments: readonly ExperimentView[]): string {
  if (experiments.length === 0) return 'no experiments';
  return table(
    ['ID', 'PROMPT', 'ENV', 'ARMS', 'GOAL', 'STATE', 'N (T / C)', 'RESULT'],
    experiments.map((experiment) => {
      const figures = experiment.live ?? experiment.result?.figures ?? null;
      return [
        String(experiment.id),
        experiment.prompt,
        experiment.environment,
        `v${experiment.controlVersion} → v${experiment.treatmentVersion}`,
        `${experiment.metric} (${experiment.direction})`,
        experiment.state,
        progress(experiment, figures),
        experiment.result?.outcome ?? '-',
      ];
    }),
  );
}

function armLines(figures: MetricFigures): string[] {
  const arm = (name: string, row: MetricFigures['control']) =>
    `  ${name}: ${formatFigure(figures.metric, row.mean)} over n ${row.n}` +
    (row.median !== null ? `, median ${formatFigure(figures.metric, row.median)}` : '') +
    (row.excluded > 0 ? ` (${row.excluded} of ${row.runs} runs not measured)` : '');
  return [arm('treatment', figures.treatment), arm('control', figures.control)];
}

/** One experiment in full: the design, the arms' figures, the comparison and the verdict. */
export function formatExperiment(experiment: ExperimentView): string {
  const rule = experiment.stoppingRule;
  const figures = experiment.live ?? experiment.result?.figures ?? null;
  const lines = [
    `experiment #${experiment.id}: ${experiment.prompt} in ${experiment.environment}, control v${experiment.controlVersion} (stable) vs treatment v${experiment.treatmentVersion} (canary) — ${experiment.state}`,
    `goal: ${experiment.metric}, ${experiment.direction} is better; horizon ${rule.minPerArm} per arm, at most ${rule.maxDuration} (until ${rule.endsBy}); alpha ${rule.alpha}`,
    `guardrails: ${experiment.guardrails.length > 0 ? `${experiment.guardrails.join(', ')} at alpha ${rule.guardrailAlpha}` : 'none'}`,
    `started by ${experiment.startedBy} at ${experiment.startedAt}: ${experiment.reason}`,
  ];
  if (figures) {
    lines.push(`${figures.goal.metric}:`, ...armLines(figures.goal));
    if (figures.goal.comparison)
      lines.push(`  ${formatComparison(figures.goal.metric, figures.goal.comparison)}`);
    else if (experiment.state === 'running')
      lines.push(
        '  no comparison before the horizon: the goal is tested once, when both arms have the samples',
      );
    for (const guardrail of figures.guardrails) {
      lines.push(
        `guardrail ${guardrail.metric}${guardrail.breached ? ' BREACHED' : ''}:`,
        ...armLines(guardrail),
        ...(guardrail.comparison ? [`  ${formatComparison(guardrail.metric, guardrail.comparison)}`] : []),
      );
    }
  }
  if (experiment.result) {
    lines.push(
      `result: ${experiment.result.outcome}`,
      `ended by ${experiment.endedBy} at ${experiment.endedAt}: ${experiment.endReason}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
