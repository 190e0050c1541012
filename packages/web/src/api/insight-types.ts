// What the evaluations and monitoring routes answer (docs/server.md): GET /api/eval-history,
// /api/eval-comparison, /api/runs/stats, /api/budgets, /api/alerts and /api/samples.

export type RunStatus = 'ok' | 'uncertain' | 'escalated' | 'blocked' | 'failed';

export interface RecordedAssertion {
  type: string;
  /** null: could not be measured. */
  pass: boolean | null;
  score: number;
  weight: number;
  reason?: string;
}

export interface RecordedCase {
  caseId: string;
  description?: string;
  pass: boolean;
  passRate: number;
  expectedClass?: string;
  predictedClass?: string;
  tags: string[];
  repeats: {
    score: number;
    pass: boolean;
    assertions: RecordedAssertion[];
    output: {
      output: string;
      status: RunStatus;
      latencyMs: number;
      costUsd: number | null;
      verdicts: { guard: string; stage: string; action: string; reason?: string }[];
      error?: { code: string; message: string };
    };
  }[];
}

export interface ConfusionMatrix {
  labels: string[];
  /** matrix[expected][predicted] */
  matrix: number[][];
}

export interface RecordedVersion {
  version: number;
  passed: number;
  total: number;
  passRate: number;
  recordedAt: string;
  recordedBy: string;
  suiteKind: string | null;
  thresholdFailures: string[];
  cases: RecordedCase[] | null;
  /** Cases proposed from production that the server ran beside the suite (they count in no figure). */
  proposedCases?: (RecordedCase & { candidate: number; proposedBy: string })[];
  classification: {
    cases: number;
    accuracy: number;
    macroF1: number;
    perClass: { label: string; precision: number; recall: number; f1: number; support: number }[];
    confusion: ConfusionMatrix;
  } | null;
}

export interface EvalHistory {
  kind: string;
  name: string;
  suites: { suite: string; versions: RecordedVersion[] }[];
}

export interface ProportionComparison {
  cases: number;
  a: number;
  b: number;
  difference: number;
  test: { method: string; pValue: number; [key: string]: unknown };
  significant: boolean;
  verdict: string;
}

export interface EvalComparison {
  suite: string;
  a: { version: number; passed: number; total: number };
  b: { version: number; passed: number; total: number };
  comparison: {
    paired: number;
    regressions: { caseId: string; scoreA: number; scoreB: number; reason?: string }[];
    improvements: { caseId: string; scoreA: number; scoreB: number; reason?: string }[];
    unchanged: string[];
    onlyInA: string[];
    onlyInB: string[];
    passRate: ProportionComparison;
    classification?: ProportionComparison;
    metrics: {
      metric: string;
      label: string;
      pairs: number;
      meanA: number | null;
      meanB: number | null;
      test: { method: string; n: number; pValue: number } | null;
      significant: boolean;
      verdict: string;
    }[];
    alpha: number;
  };
}

export interface StatsPoint {
  bucket: string;
  version: number | null;
  arm: string | null;
  runs: number;
  p50LatencyMs: number;
  p99LatencyMs: number;
  failed: number;
  escalated: number;
  blocked: number;
  uncertain: number;
  guardTriggered: number;
  costUsd: number | null;
  unpricedRuns: number;
}

export interface RunStats {
  prompt: string;
  environment: string | null;
  bucket: 'hour' | 'day';
  since: string;
  until: string;
  buckets: string[];
  totals: StatsPoint[];
  series: { version: number | null; arm: string | null; points: StatsPoint[] }[];
}

export interface Budget {
  name: string;
  scope: 'global' | 'folder' | 'prompt' | 'team';
  match: string | null;
  period: 'day' | 'month';
  periodKey: string;
  softUsd: number | null;
  hardUsd: number | null;
  onSoft: string;
  spentUsd: number;
  reservedUsd: number;
}

export interface AlertState {
  rule: string;
  severity: string;
  condition: string;
  prompt: string;
  environment: string | null;
  version: number;
  arm: string;
  state: 'ok' | 'pending' | 'firing' | 'resolved';
  firedAt: string | null;
  resolvedAt: string | null;
  value: number | null;
  threshold: number | null;
  runs: number;
}

export interface Alerts {
  rules: { name: string; condition: string; for?: string; severity: string; action?: string }[];
  alerts: AlertState[];
  evaluating: boolean;
}

export interface Sample {
  id: number;
  runId: string;
  prompt: string;
  version: number;
  environment: string | null;
  runStatus: RunStatus;
  startedAt: string;
  input: string | null;
  output: string | null;
  scoring: { status: string; attempts: number; error: string | null };
  pass: boolean | null;
  score: number | null;
  assertions: RecordedAssertion[];
  judge: { pass?: boolean; score?: number; reason?: string; unmeasured?: string } | null;
  rating: { rating: 'good' | 'bad'; comment: string | null; by: string; at: string } | null;
}
