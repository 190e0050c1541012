import type { Example, ExampleBankContent } from '../../catalog/content/example-bank-content.ts';
import { PRODUCTION_ENVIRONMENT } from '../../catalog/content/names.ts';
import { PromptopsError } from '../../errors/index.ts';
import { authorize, type Principal } from '../../governance/access/index.ts';
import { mutate } from '../../governance/audit/index.ts';
import { proposeChangeIn } from '../../governance/changes/change-requests.ts';
import type { ChangeRequestSummary } from '../../governance/changes/change-summary.ts';
import type { GovernanceDeps } from '../../governance/changes/governance-deps.ts';
import { findArtifact, findVersion } from '../../store/index.ts';
import { readCaseSource } from './case-source.ts';

export interface ProposeExampleInput {
  from: { run: string } | { sample: number };
  bank: string;
  /** The example's input; by default the run's redacted input when it has one string variable. */
  input?: string;
  /** The answer the example teaches; by default the run's redacted output. */
  output?: string | Record<string, unknown>;
  notes?: string;
  tags?: string[];
  /** Where the new bank version is proposed; production by default (the bank's review applies). */
  environment?: string;
  /** The change request's title; by default it names the source. */
  title?: string;
}

/**
 * Proposes a run or sample as a few-shot example (issue 10, item 1): the bank's head version with
 * the example appended is saved as a new version and proposed through a change request, in one
 * audited transaction, so it reaches production only through the bank's review (its risk tier's
 * approvals). Needs example-propose (reviewer) and run-read on the run's prompt, and
 * change-propose on the bank. The input and output default to the run's redacted ones: personal
 * data stays replaced by its type, and a reviewer may give cleaner text.
 */
export async function proposeExample(
  deps: GovernanceDeps,
  principal: Principal,
  request: ProposeExampleInput,
): Promise<{ changeRequest: ChangeRequestSummary; example: Example; source: Record<string, unknown> }> {
  const source = await readCaseSource(deps.db, principal, request.from, 'example-propose');
  authorize(principal, 'change-propose', request.bank);
  const example: Example = {
    input: request.input ?? onlyStringVariable(source.input, source.label),
    output:
      request.output ??
      source.output ??
      missing('output', `the output of ${source.label} was not retained: give the example's output`),
    ...(request.notes !== undefined && { notes: request.notes }),
    ...(request.tags !== undefined && { tags: request.tags }),
  };
  if (typeof example.output === 'string' && !example.output.trim()) {
    missing('output', 'an example needs an output');
  }
  const reference = { kind: source.kind, ...source.reference };
  return mutate(deps.db, { actor: principal.actor, clock: deps.clock }, async (context) => {
    const bank = await findArtifact(context.tx, 'example-bank', request.bank);
    if (!bank) {
      throw new PromptopsError('prompt_not_found', `no example bank ${request.bank}`, { name: request.bank });
    }
    const head = await findVersion(context.tx, bank.id, bank.headVersion);
    const content = head?.content as ExampleBankContent | undefined;
    if (!content)
      throw new PromptopsError('internal', `example bank ${request.bank} has no head version`, {});
    if (content.examples.some((existing) => existing.input === example.input)) {
      throw new PromptopsError(
        'conflict',
        `example bank ${request.bank} v${bank.headVersion} already has an example with this input`,
        { name: request.bank, version: bank.headVersion },
      );
    }
    const changeRequest = await proposeChangeIn(deps, context, {
      kind: 'example-bank',
      name: request.bank,
      environment: request.environment ?? PRODUCTION_ENVIRONMENT,
      title: request.title?.trim() || `Example from ${source.label}`,
      content: {
        content: { ...content, examples: [...content.examples, example] },
        parentVersion: bank.headVersion,
      },
    });
    context.audit({
      action: 'example-propose',
      targetKind: 'example-bank',
      target: request.bank,
      details: { changeRequest: changeRequest.id, version: changeRequest.version, source: reference },
    });
    return { changeRequest, example, source: reference };
  });
}

/** The example's input from the recorded variables: only when there is exactly one string. */
function onlyStringVariable(input: Record<string, unknown> | null, label: string): string {
  if (input === null) {
    return missing('input', `the input of ${label} was not retained: give the example's input`);
  }
  const strings = Object.values(input).filter((value): value is string => typeof value === 'string');
  if (strings.length !== 1 || !strings[0]?.trim()) {
    return missing(
      'input',
      `the input of ${label} has ${strings.length} text variables (${Object.keys(input).join(', ')}): give the example's input`,
    );
  }
  return strings[0];
}

function missing(parameter: string, message: string): never {
  throw new PromptopsError('invalid_argument', message, { parameter });
}
