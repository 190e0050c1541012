import type { Database } from '../../store/index.ts';
import { listEvalCaseCandidates } from '../../store/index.ts';
import type { SuiteCase } from '../eval-types.ts';
import { expandCases } from '../suites/expand-cases.ts';
import { type LoadedSuite, SuiteCaseSpec } from '../suites/index.ts';

/** Most proposed cases run beside one suite: the newest; older ones wait for their file. */
export const PROPOSED_CASES_LIMIT = 100;

/** A case proposed from production (issue 10, item 1) and not yet written into the suite's file. */
export interface ProposedCase {
  /** The proposal's id (`GET /api/eval-cases/:id`, `evals add-case --from-candidate ID`). */
  candidate: number;
  proposedBy: string;
  testCase: SuiteCase;
}

/**
 * The cases proposed for `suite` on `prompt` and still open (`proposed`), as the suite would run them
 * once written into its case file: the suite's defaults applied (variables, then its default
 * assertions first). Oldest first, so a report lists them in the order they were made.
 */
export async function proposedCasesOf(
  db: Database,
  suite: LoadedSuite,
  prompt: string,
): Promise<ProposedCase[]> {
  const rows = await listEvalCaseCandidates(db, {
    suite: suite.name,
    prompt,
    state: 'proposed',
    limit: PROPOSED_CASES_LIMIT,
  });
  const proposed: ProposedCase[] = [];
  for (const row of rows.reverse()) {
    // Checked as a case line when proposed; read again as one, so a row from an older shape is skipped.
    const spec = SuiteCaseSpec.safeParse(row.testCase);
    if (!spec.success) continue;
    const source = `proposed case #${row.id}`;
    const { cases } = expandCases(suite.content, [
      { spec: spec.data, source, fallbackId: `proposed-${row.id}`, locate: () => ({ file: source }) },
    ]);
    const testCase = cases[0];
    if (testCase) proposed.push({ candidate: row.id, proposedBy: row.proposedBy, testCase });
  }
  return proposed;
}
