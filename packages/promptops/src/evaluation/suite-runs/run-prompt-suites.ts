import { renderedTokens } from '../../catalog/compress/rendered-tokens.ts';
import { PRODUCTION_ENVIRONMENT } from '../../catalog/content/names.ts';
import type { PromptContent } from '../../catalog/content/prompt-content.ts';
import type { Catalog } from '../../catalog/service/catalog.ts';
import { normaliseContent } from '../../catalog/service/content-schemas.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import type { EvalResultInput } from '../../governance/changes/eval-results.ts';
import type { Runtime } from '../../runtime/create-runtime.ts';
import type { Database } from '../../store/index.ts';
import type { AssertionServices, SuiteCase } from '../eval-types.ts';
import { type RecordedCase, recordedCasesOf, recordedDetails } from '../reports/index.ts';
import { type CaseExecutor, caseOutputOf, promptExecutor, runSuite } from '../runner/index.ts';
import type { LoadedSuite } from '../suites/index.ts';
import { type ProposedCase, proposedCasesOf } from './proposed-cases.ts';
import { EVALS_PRINCIPAL } from './suite-run-actor.ts';

/** Where approval gates apply, and so where a server run's results are recorded. */
const GATE_ENVIRONMENT = PRODUCTION_ENVIRONMENT;

/** Most model calls one request may make (runs and judge calls, × repeats); more is a CI job. */
export const SUITE_RUN_LIMIT = 1000;

export interface SuiteRunDeps {
  db: Database;
  catalog: Catalog;
  runtime: Pick<Runtime, 'run'>;
  services: AssertionServices;
  /** The suites under the project's evals/, read per request so an edited suite counts. */
  loadSuites(): Promise<LoadedSuite[]>;
  /** governance.evals.record: a version's results are stored as `promptops test` stores them. */
  record(principal: Principal, input: EvalResultInput): Promise<unknown>;
}

export interface SuiteRunRequest {
  prompt: string;
  /** The version under test; give this or `draft`. */
  version?: number;
  /** Unsaved prompt content (the editor's draft); never recorded. */
  draft?: { content: unknown };
  /** Where fragments, banks and environment overrides resolve (default production). */
  environment?: string;
  /** Suite names; default every prompt suite whose target is this prompt. */
  suites?: string[];
  /** Only these cases: suite case ids, and proposed cases by their proposal id. Nothing is recorded then. */
  only?: { cases?: string[]; proposed?: number[] };
  /** Record a version's results (default true; drafts and partial runs never are). */
  record?: boolean;
  signal?: AbortSignal;
}

/** One suite's outcome, as the web UI shows it. */
export interface SuiteRunResult {
  suite: string;
  file: string;
  kind: string;
  passed: number;
  total: number;
  passRate: number;
  metrics: Record<string, number | null>;
  /** The thresholds the suite missed, in words; empty when its gate is met. */
  thresholdFailures: string[];
  cases: RecordedCase[];
  /** Cases proposed from production for this suite, run beside it; they count in no figure above. */
  proposed: (RecordedCase & { candidate: number; proposedBy: string })[];
  recorded: boolean;
  durationMs: number;
}

export interface SuiteRunReport {
  prompt: string;
  version: number | null;
  environment: string;
  /** Tokens of one request rendered with placeholder values, every fragment inlined (as `compress` counts). */
  tokens: number | null;
  suites: SuiteRunResult[];
}

/**
 * Runs a prompt's suites on the server (issue 10: the editor's "run suites on the draft" and the
 * change request's "run suites on this version"): every case through the real runtime (guards,
 * validation, routing, budgets, run records), pinned to the version or the draft, with the
 * suite's assertions and thresholds. Cases proposed from production (`POST /api/eval-cases`) run
 * beside their suite and are reported apart: they count in no figure a gate reads until a person
 * writes them into the suite's file. A version's full run is recorded as `system:evals` (what the
 * approval gate reads), naming who asked; a draft's or a partial run's never is.
 * Needs `eval-run` (author) on the prompt: it spends model calls and runs unreviewed text.
 */
export async function runPromptSuites(
  deps: SuiteRunDeps,
  principal: Principal,
  request: SuiteRunRequest,
): Promise<SuiteRunReport> {
  authorize(principal, 'eval-run', request.prompt);
  const environment = request.environment ?? GATE_ENVIRONMENT;
  if ((request.version === undefined) === (request.draft === undefined)) {
    throw new PromptopsError(
      'invalid_argument',
      'give `version` or `draft` (exactly one): what to run the suites on',
      {
        parameter: 'version',
      },
    );
  }
  // A draft is checked as the catalog checks content (one 400 naming the field), before any model call.
  const draftContent = request.draft && normaliseContent('prompt', request.prompt, request.draft.content);
  const content = (draftContent ??
    (await deps.catalog.resolve('prompt', request.prompt, { version: request.version as number }))
      .content) as PromptContent;
  const plans = await planSuites(deps, request);
  const partial = request.only !== undefined;
  // Recorded only where the approval gate reads results: production, the gates' environment. A run
  // elsewhere (other fragments, overrides, models) answers but is no evidence for a production gate.
  const record =
    request.version !== undefined && request.record !== false && !partial && environment === GATE_ENVIRONMENT;
  const executorFor = (suite: string): CaseExecutor =>
    request.draft
      ? draftExecutor(deps.runtime, {
          prompt: request.prompt,
          content: request.draft.content,
          environment,
          suite,
        })
      : promptExecutor(deps.runtime, {
          prompt: request.prompt,
          version: request.version as number,
          environment,
          suite,
        });
  const suites: SuiteRunResult[] = [];
  for (const plan of plans) {
    request.signal?.throwIfAborted();
    suites.push(
      await runPlan(deps, principal, {
        plan,
        execute: executorFor(plan.suite.name),
        request,
        record,
        partial,
      }),
    );
  }
  return {
    prompt: request.prompt,
    version: request.version ?? null,
    environment,
    tokens: (await renderedTokens(deps.catalog, request.prompt, content)) ?? null,
    suites,
  };
}

interface SuitePlan {
  suite: LoadedSuite;
  cases: SuiteCase[];
  proposed: ProposedCase[];
}

/** The suites to run and their cases, checked against the limit before any model is called. */
async function planSuites(deps: SuiteRunDeps, request: SuiteRunRequest): Promise<SuitePlan[]> {
  const all = suitesTargeting(await deps.loadSuites(), request.prompt);
  let chosen = all;
  if (request.suites !== undefined) {
    chosen = request.suites.map((name) => {
      const found = all.find((suite) => suite.name === name);
      if (!found) {
        const known = all.map((suite) => suite.name).join(', ') || 'none';
        throw new PromptopsError(
          'invalid_argument',
          `no suite "${name}" targets ${request.prompt} (its suites: ${known})`,
          { parameter: 'suites' },
        );
      }
      return found;
    });
  }
  if (chosen.length === 0) {
    throw new PromptopsError(
      'invalid_argument',
      `no suite under evals/ targets ${request.prompt}: write one (docs/evaluation.md) before running suites`,
      { parameter: 'prompt' },
    );
  }
  const plans: SuitePlan[] = [];
  for (const suite of chosen) {
    const proposed = await proposedCasesOf(deps.db, suite, request.prompt);
    const only = request.only;
    plans.push({
      suite,
      cases: only ? suite.cases.filter((testCase) => only.cases?.includes(testCase.id)) : suite.cases,
      proposed: only ? proposed.filter((entry) => only.proposed?.includes(entry.candidate)) : proposed,
    });
  }
  // Each case's run, and a judge call per model-graded assertion, every repeat.
  const callsOf = (testCase: SuiteCase) =>
    1 + testCase.assert.filter((assertion) => assertion.type === 'llm-rubric').length;
  const calls = plans.reduce(
    (sum, plan) =>
      sum +
      [...plan.cases, ...plan.proposed.map((entry) => entry.testCase)].reduce(
        (cases, testCase) => cases + callsOf(testCase),
        0,
      ) *
        plan.suite.content.repeat,
    0,
  );
  if (calls > SUITE_RUN_LIMIT) {
    throw new PromptopsError(
      'invalid_argument',
      `these suites make ${calls} model calls, over the ${SUITE_RUN_LIMIT} one request may make: choose fewer suites, or run them with \`promptops test\``,
      { parameter: 'suites' },
    );
  }
  if (calls === 0) {
    throw new PromptopsError('invalid_argument', 'no case matches `only`: nothing to run', {
      parameter: 'only',
    });
  }
  return plans;
}

async function runPlan(
  deps: SuiteRunDeps,
  principal: Principal,
  input: {
    plan: SuitePlan;
    execute: CaseExecutor;
    request: SuiteRunRequest;
    record: boolean;
    partial: boolean;
  },
): Promise<SuiteRunResult> {
  const { plan, execute, request } = input;
  const started = performance.now();
  const run = (cases: SuiteCase[]) =>
    runSuite({
      suite: { ...plan.suite, cases },
      ...(request.version !== undefined && { version: request.version }),
      execute: (testCase, repeat, signal) => execute(testCase, repeat, linked(signal, request.signal)),
      services: deps.services,
    });
  const [report, proposedReport] = await Promise.all([
    plan.cases.length > 0 ? run(plan.cases) : undefined,
    plan.proposed.length > 0 ? run(plan.proposed.map((entry) => entry.testCase)) : undefined,
  ]);
  const proposed = ((proposedReport && recordedCasesOf(proposedReport)) ?? []).map((recorded, index) => ({
    ...recorded,
    candidate: plan.proposed[index]?.candidate as number,
    proposedBy: plan.proposed[index]?.proposedBy as string,
  }));
  const metrics = report?.metrics;
  // A run the caller abandoned has its unfinished cases as failures: never evidence for a gate.
  request.signal?.throwIfAborted();
  const recorded = input.record && report !== undefined && (metrics?.cases ?? 0) > 0;
  if (recorded && report) {
    await deps.record(EVALS_PRINCIPAL, {
      kind: 'prompt',
      name: request.prompt,
      version: request.version as number,
      suite: plan.suite.name,
      passed: report.metrics.passed,
      total: report.metrics.cases,
      details: {
        ...recordedDetails(report),
        requestedBy: principal.actor,
        environment: request.environment ?? GATE_ENVIRONMENT,
        ...(proposed.length > 0 && { proposedCases: proposed }),
      },
    });
  }
  return {
    suite: plan.suite.name,
    file: plan.suite.file,
    kind: plan.suite.content.kind,
    passed: metrics?.passed ?? 0,
    total: metrics?.cases ?? 0,
    passRate: metrics?.passRate ?? 0,
    metrics: {
      formatCompliance: metrics?.formatCompliance ?? null,
      guardTriggerRate: metrics?.guardTriggerRate ?? null,
      escalationRate: metrics?.escalationRate ?? null,
      accuracy: metrics?.classification?.accuracy ?? null,
      macroF1: metrics?.classification?.macroF1 ?? null,
    },
    // A partial run has no gate to meet: its thresholds are the whole suite's.
    thresholdFailures: input.partial
      ? []
      : (report?.thresholdFailures.map((failure) => failure.message) ?? []),
    cases: (report && recordedCasesOf(report)) ?? [],
    proposed,
    recorded,
    durationMs: Math.round(performance.now() - started),
  };
}

/** The prompt suites whose target is `prompt` (fragment suites and other prompts' are left out). */
export function suitesTargeting(suites: readonly LoadedSuite[], prompt: string): LoadedSuite[] {
  return suites.filter((suite) => 'prompt' in suite.content.target && suite.content.target.prompt === prompt);
}

/** Each case through the runtime on the unsaved content: arm `draft`, never sampled. */
function draftExecutor(
  runtime: Pick<Runtime, 'run'>,
  target: { prompt: string; content: unknown; environment: string; suite: string },
): CaseExecutor {
  return async (testCase, repeat, signal) =>
    caseOutputOf(
      await runtime.run(target.prompt, testCase.variables, {
        draft: { content: target.content },
        environment: target.environment,
        signal,
        stickyKey: `eval:${target.suite}:${testCase.id}:${repeat}`,
        metadata: { eval_suite: target.suite, eval_case: testCase.id, eval_repeat: repeat },
      }),
    );
}

/** The runner's per-case signal, also aborted when the request is (the caller went away). */
function linked(signal: AbortSignal, outer: AbortSignal | undefined): AbortSignal {
  return outer ? AbortSignal.any([signal, outer]) : signal;
}
