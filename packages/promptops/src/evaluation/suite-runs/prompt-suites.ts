import { authorize, type Principal } from '../../governance/access/index.ts';
import { flatThresholds } from '../runner/index.ts';
import { proposedCasesOf } from './proposed-cases.ts';
import { type SuiteRunDeps, suitesTargeting } from './run-prompt-suites.ts';

/** A suite as the editor lists it before running it. */
export interface PromptSuite {
  name: string;
  file: string;
  kind: string;
  cases: number;
  repeat: number;
  thresholds: Record<string, number>;
  /** Cases proposed from production and not yet in the file; they run beside the suite. */
  proposed: { candidate: number; id: string; description?: string; proposedBy: string }[];
}

/**
 * The prompt suites under evals/ whose target is `prompt`, with their case counts, thresholds and
 * the cases proposed for them (catalog-read; proposed cases hold redacted input, so their
 * descriptions only, never variables).
 */
export async function listPromptSuites(
  deps: Pick<SuiteRunDeps, 'db' | 'loadSuites'>,
  principal: Principal,
  prompt: string,
): Promise<PromptSuite[]> {
  authorize(principal, 'catalog-read', prompt);
  const suites = suitesTargeting(await deps.loadSuites(), prompt);
  const listed: PromptSuite[] = [];
  for (const suite of suites) {
    const proposed = await proposedCasesOf(deps.db, suite, prompt);
    listed.push({
      name: suite.name,
      file: suite.file,
      kind: suite.content.kind,
      cases: suite.cases.length,
      repeat: suite.content.repeat,
      thresholds: { ...flatThresholds(suite) },
      proposed: proposed.map((entry) => ({
        candidate: entry.candidate,
        id: entry.testCase.id,
        ...(entry.testCase.description !== undefined && { description: entry.testCase.description }),
        proposedBy: entry.proposedBy,
      })),
    });
  }
  return listed;
}
