import { sql } from 'drizzle-orm';
import { bigserial, check, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Eval cases proposed from production (issue 10, item 1): a run record, a review-queue sample or a
 * failed eval case turned into a case with the outcome a reviewer expects. Suites live in files in
 * git, not in the catalog, so a case proposed over REST waits here until a person writes it into
 * the suite's case file (`promptops evals add-case SUITE --from-candidate ID`), where it is reviewed
 * with the rest of the change before any gate reads it; or dismisses it. Never a gate's input itself.
 */
export const evalCaseCandidates = pgTable(
  'eval_case_candidates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    suite: text('suite').notNull(),
    /** The prompt the source ran (the suite should target it). */
    prompt: text('prompt').notNull(),
    /** { kind: run | sample | evalCase, id, version, ... }: where the case came from. */
    source: jsonb('source').notNull(),
    /** The case as a suite's JSONL line holds it: id, description, variables, assert, expected_class, tags. */
    testCase: jsonb('test_case').notNull(),
    /** Whether the variables are the run's redacted input or the proposer typed them. */
    variablesFrom: text('variables_from').notNull(),
    state: text('state').notNull().default('proposed'),
    proposedBy: text('proposed_by').notNull(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** Where it was written (`evals/support/intents.cases.jsonl`), or why it was dismissed. */
    decision: text('decision'),
  },
  (table) => [
    index('eval_case_candidates_suite_index').on(table.suite, table.state, table.id),
    index('eval_case_candidates_prompt_index').on(table.prompt, table.id),
    check('eval_case_candidates_state_check', sql`${table.state} in ('proposed', 'added', 'dismissed')`),
    check(
      'eval_case_candidates_variables_check',
      sql`${table.variablesFrom} in ('redacted-input', 'supplied', 'suite-case')`,
    ),
  ],
);

export type EvalCaseCandidateRow = typeof evalCaseCandidates.$inferSelect;
