import type { CaseGrade } from '../assertions/index.ts';
import { evaluateAssertions, gradeResults, parseJsonPath, readJsonPath } from '../assertions/index.ts';
import type { AssertionResult, AssertionServices, CaseOutput, SuiteCase } from '../eval-types.ts';
import { checkThresholds, type SuiteThresholds, suiteMetrics } from '../metrics/index.ts';
import type { SuiteReport } from '../reports/index.ts';
import type { LoadedSuite } from '../suites/index.ts';
import { type Assessment, runCases } from './run-cases.ts';

/** Runs one case once: through the runtime for prompt suites, through the renderer for fragment suites. */
export type CaseExecutor = (testCase: SuiteCase, repeat: number, signal: AbortSignal) => Promise<CaseOutput>;

export interface RunSuiteOptions {
  suite: LoadedSuite;
  /** The version under test (resolved before the run, so every case runs the same one). */
  version?: number;
  execute: CaseExecutor;
  services: AssertionServices;
  /** Overrides the suite's `repeat`. */
  repeat?: number;
  /** Overrides the suite's `concurrency` (default 8). */
  concurrency?: number;
  timeoutMs?: number;
  onProgress?(done: number, total: number): void;
  /** For tests: the clock the report's start time and duration read. */
  now?: () => number;
}

/**
 * Runs a loaded suite and grades it: every case (× repeats) through `execute`, its assertions
 * evaluated, the predicted class read at `class_path`, then the suite's metrics and thresholds.
 *
 * @example
 * const report = await runSuite({ suite, version: 4, execute: promptExecutor(runtime, 'support/assistant', { version: 4 }), services: {} });
 * report.thresholdFailures.length === 0 // the gate passed
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteReport> {
  const { suite } = options;
  const now = options.now ?? Date.now;
  const started = now();
  const classPath = suite.content.class_path;
  const results = await runCases({
    cases: suite.cases,
    execute: options.execute,
    async assess(testCase, output) {
      const grade = await evaluateAssertions(testCase.assert, output, options.services);
      if (testCase.expectedClass === undefined || classPath === undefined) {
        return { assertions: grade.results, score: grade.score, pass: grade.pass };
      }
      return withClassCheck(
        grade,
        testCase.expectedClass,
        classAt(output, classPath),
        testCase.assert.length,
      );
    },
    ...(classPath !== undefined && { classOf: (output: CaseOutput) => classAt(output, classPath) }),
    repeat: options.repeat ?? suite.content.repeat,
    repeatPassRate: suite.content.repeat_pass_rate,
    concurrency: options.concurrency ?? suite.content.concurrency ?? 8,
    ...((options.timeoutMs ?? suite.content.timeout_ms) !== undefined && {
      timeoutMs: (options.timeoutMs ?? suite.content.timeout_ms) as number,
    }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  });
  const metrics = suiteMetrics(results);
  const thresholds = flatThresholds(suite);
  const target = suite.content.target;
  return {
    suite: suite.name,
    target: 'prompt' in target ? target.prompt : target.fragment,
    ...(options.version !== undefined && { version: options.version }),
    kind: suite.content.kind,
    metrics,
    thresholds,
    thresholdFailures: checkThresholds(metrics, thresholds),
    results,
    cases: suite.cases,
    startedAt: new Date(started).toISOString(),
    durationMs: now() - started,
  };
}

/**
 * The suite file's `thresholds` as the metrics module takes them (one flat map). A suite that sets
 * no `pass_rate` passes only when every case passes (`pass_rate: 1`), as a test runner would.
 */
export function flatThresholds(suite: LoadedSuite): SuiteThresholds {
  const { pass_rate = 1, metrics = {} } = suite.content.thresholds;
  return { pass_rate, ...metrics };
}

/**
 * A case with `expected_class` also checks the class: a wrong or missing class fails the case (as
 * an `expected-class` result beside its assertions), so a classifier's misses show as failures,
 * not only in accuracy.
 */
function withClassCheck(
  grade: CaseGrade,
  expected: string,
  predicted: string | undefined,
  assertionCount: number,
): Assessment {
  const pass = predicted === expected;
  const check: AssertionResult = {
    type: 'expected-class',
    pass,
    score: pass ? 1 : 0,
    weight: 1,
    ...(!pass && {
      reason: `expected class "${expected}", found ${predicted === undefined ? 'no class' : `"${predicted}"`}`,
    }),
  };
  const combined = gradeResults([...grade.results, check]);
  return {
    assertions: combined.results,
    score: combined.score,
    pass: pass && (assertionCount === 0 || grade.pass),
  };
}

/** The class an output names at `path` (`$.intent`): a string or number, else none. */
function classAt(output: CaseOutput, path: string): string | undefined {
  const parsed = parseJsonPath(path);
  if (output.parsed === undefined || !parsed.ok) return undefined;
  const found = readJsonPath(output.parsed, parsed.segments);
  if (!found.found) return undefined;
  return typeof found.value === 'string' || typeof found.value === 'number' ? String(found.value) : undefined;
}
