import { PromptopsError } from '../../errors/index.ts';
import { authorize, grantedPrefixes, type Principal } from '../../governance/access/index.ts';
import { mutate } from '../../governance/audit/index.ts';
import {
  decideEvalCaseCandidate,
  type EvalCaseCandidateRow,
  findEvalCaseCandidate,
  insertEvalCaseCandidate,
  listEvalCaseCandidates,
} from '../../store/index.ts';
import type { LoadedSuite } from '../suites/index.ts';
import { buildCase, type CaseChoices, type CaseLine, type VariablesFrom } from './build-case.ts';
import { type CaseSourceRef, readCaseSource } from './case-source.ts';
import type { FeedbackDeps } from './run-feedback.ts';

/** Suite names are paths under evals/: `support/intents`. */
const SUITE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

export type CandidateState = 'proposed' | 'added' | 'dismissed';

/** A proposed eval case as the REST API shows it. */
export interface EvalCaseCandidate {
  id: number;
  suite: string;
  prompt: string;
  source: Record<string, unknown>;
  case: CaseLine;
  variablesFrom: VariablesFrom;
  state: CandidateState;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The file it was written to, or why it was dismissed. */
  decision: string | null;
}

/** What proposing needs beyond the store: the project's suites, when the server has them. */
export interface ProposeEvalCaseDeps extends FeedbackDeps {
  /** The suites under evals/ (a server in a project folder): a failed eval case brings its variables. */
  loadSuites?(): Promise<LoadedSuite[]>;
}

export interface ProposeEvalCaseInput extends CaseChoices {
  from: CaseSourceRef;
  suite: string;
}

/**
 * Turns a run record, a review-queue sample or a failed eval case into a proposed eval case with
 * the outcome the reviewer expects (eval-case-propose, reviewer, and run-read on the prompt).
 * Suites live in files in git and the server holds none, so the case is stored as a proposal,
 * never added to a suite here: a person writes it into the suite's case file
 * (`promptops evals add-case SUITE --from-candidate ID`), where it is reviewed with the change
 * before any gate reads it, or dismisses it. Audited (`eval-case-propose`; ids, no text).
 */
export async function proposeEvalCase(
  deps: ProposeEvalCaseDeps,
  principal: Principal,
  input: ProposeEvalCaseInput,
): Promise<EvalCaseCandidate> {
  checkSuiteName(input.suite);
  const source = await readCaseSource(deps.db, principal, input.from, 'eval-case-propose');
  const { testCase, variablesFrom } = buildCase(
    source,
    input,
    principal.actor,
    await failedCaseVariables(deps, input.from),
  );
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const row = await insertEvalCaseCandidate(context.tx, {
      suite: input.suite,
      prompt: source.prompt,
      source: { kind: source.kind, ...source.reference },
      testCase,
      variablesFrom,
      proposedBy: principal.actor,
      proposedAt: context.now(),
    });
    context.audit({
      action: 'eval-case-propose',
      targetKind: 'prompt',
      target: source.prompt,
      details: {
        candidate: row.id,
        suite: input.suite,
        case: testCase.id,
        source: { kind: source.kind, ...source.reference },
        variables: variablesFrom,
      },
    });
    return toCandidate(row);
  });
}

/**
 * The variables of the failed suite case a proposal is made from, read from the suite file as it
 * is now; undefined for other sources, for a server without suites, or a case no longer there (the
 * person then gives the variables, as the error says).
 */
async function failedCaseVariables(
  deps: ProposeEvalCaseDeps,
  from: CaseSourceRef,
): Promise<Record<string, unknown> | undefined> {
  if (!('evalCase' in from) || !deps.loadSuites) return undefined;
  const suite = (await deps.loadSuites()).find((entry) => entry.name === from.evalCase.suite);
  return suite?.cases.find((entry) => entry.id === from.evalCase.case)?.variables;
}

export interface CandidateFilter {
  suite?: string;
  prompt?: string;
  state?: CandidateState;
  limit?: number;
  before?: number;
}

/** Proposed cases newest first, of the prompts the caller may read runs of (they hold redacted input). */
export async function listEvalCaseCandidatePage(
  deps: FeedbackDeps,
  principal: Principal,
  filter: CandidateFilter = {},
): Promise<{ items: EvalCaseCandidate[]; nextBefore: number | null }> {
  if (filter.prompt !== undefined) authorize(principal, 'run-read', filter.prompt);
  const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
  const rows = await listEvalCaseCandidates(deps.db, {
    ...(filter.suite !== undefined && { suite: filter.suite }),
    ...(filter.prompt !== undefined && { prompt: filter.prompt }),
    ...(filter.state !== undefined && { state: filter.state }),
    ...(filter.before !== undefined && { beforeId: filter.before }),
    namePrefixes: grantedPrefixes(principal, 'run-read'),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit).map(toCandidate);
  return { items, nextBefore: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
}

export async function showEvalCaseCandidate(
  deps: FeedbackDeps,
  principal: Principal,
  id: number,
): Promise<EvalCaseCandidate> {
  const row = await findEvalCaseCandidate(deps.db, id);
  if (!row) throw candidateNotFound(id);
  authorize(principal, 'run-read', row.prompt);
  return toCandidate(row);
}

/**
 * Settles a proposed case: `added` once written to a case file (`decision` names the file), or
 * `dismissed` with a reason. The first decision wins; a second is a `conflict` naming the first.
 */
export async function decideEvalCase(
  deps: FeedbackDeps,
  principal: Principal,
  input: { id: number; state: 'added' | 'dismissed'; decision: string },
): Promise<EvalCaseCandidate> {
  const decision = input.decision.trim();
  if (!decision) {
    throw new PromptopsError('invalid_argument', 'say why the proposed case is dismissed (reason)', {
      parameter: 'reason',
    });
  }
  const found = await findEvalCaseCandidate(deps.db, input.id);
  if (!found) throw candidateNotFound(input.id);
  authorize(principal, 'eval-case-propose', found.prompt);
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const row = await decideEvalCaseCandidate(context.tx, input.id, {
      state: input.state,
      decidedBy: principal.actor,
      decidedAt: context.now(),
      decision: decision.slice(0, 500),
    });
    if (!row) {
      const current = await findEvalCaseCandidate(context.tx, input.id);
      throw new PromptopsError(
        'conflict',
        `proposed case ${input.id} was already ${current?.state} by ${current?.decidedBy} (${current?.decision})`,
        { candidate: input.id, state: current?.state },
      );
    }
    context.audit({
      action: input.state === 'added' ? 'eval-case-add' : 'eval-case-dismiss',
      targetKind: 'prompt',
      target: row.prompt,
      reason: input.state === 'dismissed' ? decision : null,
      details: {
        candidate: row.id,
        suite: row.suite,
        case: (row.testCase as CaseLine).id,
        ...(input.state === 'added' && { file: decision }),
      },
    });
    return toCandidate(row);
  });
}

/**
 * Audits a case written straight into a suite's case file (`promptops evals add-case` from a run,
 * sample or eval case): the file is reviewed in git, the trail says who made it from what.
 */
export async function auditCaseAdded(
  deps: FeedbackDeps,
  principal: Principal,
  added: { prompt: string; suite: string; caseId: string; source: Record<string, unknown>; file: string },
): Promise<void> {
  authorize(principal, 'eval-case-propose', added.prompt);
  await mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    context.audit({
      action: 'eval-case-add',
      targetKind: 'prompt',
      target: added.prompt,
      details: { suite: added.suite, case: added.caseId, source: added.source, file: added.file },
    });
  });
}

export function checkSuiteName(suite: string): void {
  if (suite.length > 200 || !SUITE_NAME.test(suite)) {
    throw new PromptopsError(
      'invalid_argument',
      `suite "${suite}" is not a suite name (the path under evals/ without .yaml, like support/intents)`,
      { parameter: 'suite' },
    );
  }
}

function candidateNotFound(id: number): PromptopsError {
  return new PromptopsError('eval_case_not_found', `no proposed eval case ${id}`, { candidate: id });
}

function toCandidate(row: EvalCaseCandidateRow): EvalCaseCandidate {
  return {
    id: row.id,
    suite: row.suite,
    prompt: row.prompt,
    source: row.source as Record<string, unknown>,
    case: row.testCase as CaseLine,
    variablesFrom: row.variablesFrom as VariablesFrom,
    state: row.state as CandidateState,
    proposedBy: row.proposedBy,
    proposedAt: row.proposedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decision: row.decision,
  };
}
