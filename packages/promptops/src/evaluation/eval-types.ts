/**
 * The shapes shared by evaluation's parts (DESIGN.md section 3, "Eval suite / eval run"): suites
 * and cases (suites/), assertions (assertions/), metrics and comparisons (metrics/), reports
 * (reports/) and the runner. Kept here so each part depends on these types, not on each other.
 */

/** What one case produced, as the runner observed it through the real pipeline (guards included). */
export interface CaseOutput {
  /** The text the caller would receive ('' when blocked or failed). */
  output: string;
  /** The parsed JSON for prompts with `output.format: json`. */
  parsed?: unknown;
  status: 'ok' | 'uncertain' | 'escalated' | 'blocked' | 'failed';
  latencyMs: number;
  /** `provider/model` that answered; absent when none did (blocked, render-only, older caches). */
  model?: string;
  /** null when the price is unknown: never a silent 0. */
  costUsd: number | null;
  /** Guard verdicts of the run (input and output stages). */
  verdicts: readonly { guard: string; stage: 'input' | 'output'; action: string; reason?: string }[];
  /** Tool calls the model asked for, with the tool policy's decision (docs/tools.md). */
  toolCalls?: readonly { tool: string; decision: string; outcome: string }[];
  /** The rendered prompt text, for render-only fragment suites. */
  rendered?: string;
  error?: { code: string; message: string };
}

/** Services some assertions need; absent ones make those assertions `unmeasured`. */
export interface AssertionServices {
  /** Embeddings for `similar`. */
  embed?(texts: readonly string[]): Promise<number[][]>;
  /** A judge model for `llm-rubric`: takes the full judge prompt, returns the judge's raw answer. */
  judge?(prompt: string): Promise<string>;
}

/** One assertion as a suite file writes it (promptfoo's names where they exist). */
export interface AssertionSpec {
  /** e.g. `contains`, `not-contains`, `json-path`, `llm-rubric`. */
  type: string;
  value?: unknown;
  /** Weight in the case score; default 1. */
  weight?: number;
  /** For scored assertions (similar, readability, llm-rubric): the minimum to pass. */
  threshold?: number;
  /** Extra fields some types take (json-path: path, equals, in, gte, lte; regex: flags; …). */
  [key: string]: unknown;
}

/** The outcome of one assertion. `pass: null` means it could not be measured (e.g. a judge answered nonsense). */
export interface AssertionResult {
  type: string;
  pass: boolean | null;
  /** 0..1; 1 for a pass of a boolean assertion. */
  score: number;
  weight: number;
  /** Why it failed or could not be measured; absent on a pass. */
  reason?: string;
}

export type SuiteKind = 'unit' | 'behavioural' | 'adversarial';

export interface SuiteCase {
  /** Stable id within the suite (given, or derived from the position). */
  id: string;
  description?: string;
  variables: Record<string, unknown>;
  assert: AssertionSpec[];
  tags: string[];
  /** For classification metrics: the expected label (e.g. the intent). */
  expectedClass?: string;
  /** Where the case was written, for messages: `evals/support/intents.yaml:42` or `cases.csv:7`. */
  source: string;
}

/** The result of one case (all its repeats). */
export interface CaseResult {
  caseId: string;
  /** Passed when the weighted score reaches the case threshold in enough repeats. */
  pass: boolean;
  /** Share of repeats that passed (1 repeat: 0 or 1). */
  passRate: number;
  repeats: { output: CaseOutput; assertions: AssertionResult[]; score: number; pass: boolean }[];
  expectedClass?: string;
  /** The class the output named, when the suite says where to find it. */
  predictedClass?: string;
  tags: string[];
}
