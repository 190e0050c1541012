import type { RunComparison } from '../metrics/index.ts';
import type { MigrationVerdict, SideFigures } from './migration-verdict.ts';

/** One suite of a prompt, run on the current model (A) and the candidate (B). */
export interface MigrationSuiteResult {
  suite: string;
  version: number;
  current: SideFigures;
  candidate: SideFigures;
  comparison: RunComparison;
  verdict: MigrationVerdict;
}

/** A prompt's outcome: its suites compared, or why none ran. */
export type MigrationPromptResult =
  | {
      prompt: string;
      outcome: 'checked';
      version: number;
      /** The version's own model or route (`model:` in the prompt). */
      currentModel: string;
      suites: MigrationSuiteResult[];
      verdict: MigrationVerdict;
    }
  /** policies.yaml models_by_classification does not let the candidate see this prompt's data. */
  | { prompt: string; outcome: 'refused'; version: number; reason: string }
  /** Nothing deployed in the environment, so there is no current model to compare with. */
  | { prompt: string; outcome: 'not-deployed'; reason: string };

/** The whole check, as `migrate-check --json` prints it and the HTML report shows it. */
export interface MigrationReport {
  candidate: string;
  environment: string;
  alpha: number;
  startedAt: string;
  prompts: MigrationPromptResult[];
  /** Over the prompts checked: regressions if any has them, else inconclusive if any is, else safe. */
  verdict: MigrationVerdict;
}
