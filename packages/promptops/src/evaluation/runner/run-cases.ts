import type { AssertionResult, CaseOutput, CaseResult, SuiteCase } from '../eval-types.ts';

export interface Assessment {
  assertions: AssertionResult[];
  /** Weighted score 0..1 over the measured assertions. */
  score: number;
  pass: boolean;
}

export interface RunCasesOptions {
  cases: readonly SuiteCase[];
  /** Runs one case once through the pipeline; must honour the signal. */
  execute(testCase: SuiteCase, repeat: number, signal: AbortSignal): Promise<CaseOutput>;
  /** Scores one output against the case's assertions. */
  assess(testCase: SuiteCase, output: CaseOutput): Promise<Assessment>;
  /** Reads the predicted class from an output (the suite's class_path), for classification metrics. */
  classOf?(output: CaseOutput): string | undefined;
  repeat?: number;
  /** Share of repeats that must pass for the case to pass (1 = all). */
  repeatPassRate?: number;
  concurrency?: number;
  timeoutMs?: number;
  onProgress?(done: number, total: number): void;
}

/**
 * Runs every case `repeat` times with at most `concurrency` runs in flight. A run that outlives
 * `timeoutMs` is aborted and recorded as failed with code `timeout`; an exception from `execute` is
 * a failed output too, so one bad case never stops a suite. Results keep the cases' order.
 */
export async function runCases(options: RunCasesOptions): Promise<CaseResult[]> {
  const repeat = options.repeat ?? 1;
  const jobs = options.cases.flatMap((testCase, caseIndex) =>
    Array.from({ length: repeat }, (_, attempt) => ({ testCase, caseIndex, attempt })),
  );
  const runs: CaseResult['repeats'][] = options.cases.map(() => []);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const output = await executeWithTimeout(options, job.testCase, job.attempt);
      const assessment = await options.assess(job.testCase, output);
      runs[job.caseIndex]![job.attempt] = { output, ...assessment };
      done += 1;
      options.onProgress?.(done, jobs.length);
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 8, jobs.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  const needed = options.repeatPassRate ?? 1;
  return options.cases.map((testCase, index) => {
    const repeats = runs[index]!;
    const passRate = repeats.filter((run) => run.pass).length / repeats.length;
    const predicted = options.classOf && repeats[0] ? options.classOf(repeats[0].output) : undefined;
    return {
      caseId: testCase.id,
      pass: passRate >= needed - 1e-9,
      passRate,
      repeats,
      tags: testCase.tags,
      ...(testCase.expectedClass !== undefined && { expectedClass: testCase.expectedClass }),
      ...(predicted !== undefined && { predictedClass: predicted }),
    };
  });
}

async function executeWithTimeout(
  options: RunCasesOptions,
  testCase: SuiteCase,
  attempt: number,
): Promise<CaseOutput> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CaseOutput>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`case ${testCase.id} took longer than ${timeoutMs} ms`));
      resolve(failed(`took longer than ${timeoutMs} ms`, 'timeout', performance.now() - started));
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      options
        .execute(testCase, attempt, controller.signal)
        .catch((error: unknown) =>
          failed(
            error instanceof Error ? error.message : String(error),
            codeOf(error),
            performance.now() - started,
          ),
        ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : 'internal';
}

function failed(message: string, code: string, latencyMs: number): CaseOutput {
  return { output: '', status: 'failed', latencyMs, costUsd: null, verdicts: [], error: { code, message } };
}
