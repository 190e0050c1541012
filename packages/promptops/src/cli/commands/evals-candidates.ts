import { PromptopsError } from '../../errors/index.ts';
import { type CandidateState, listEvalCaseCandidatePage } from '../../evaluation/feedback/index.ts';
import type { CommandContext, ParsedArguments } from '../command.ts';
import { table, toJson } from '../format.ts';
import { rejectExtraPositionals, stringOption } from '../options.ts';

export const CANDIDATES_USAGE = 'evals candidates [SUITE] [--state proposed|added|dismissed] [--limit N]';

const STATES: readonly CandidateState[] = ['proposed', 'added', 'dismissed'];

/**
 * `promptops evals candidates [SUITE]`: eval cases proposed from production over REST or in the web
 * UI (run-read on their prompts), newest first; `proposed` ones by default — what is waiting for
 * `evals add-case SUITE --from-candidate ID`.
 */
export async function runCandidates(context: CommandContext, parsed: ParsedArguments): Promise<number> {
  rejectExtraPositionals(parsed, 2, CANDIDATES_USAGE);
  const suite = parsed.positionals[1];
  const state = (stringOption(parsed, 'state') ?? 'proposed') as CandidateState;
  if (!STATES.includes(state)) {
    throw new PromptopsError('invalid_argument', `--state is one of ${STATES.join(', ')}, not ${state}`, {
      parameter: 'state',
    });
  }
  const limitText = stringOption(parsed, 'limit') ?? '50';
  if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1) {
    throw new PromptopsError('invalid_argument', '--limit is a whole number from 1 to 500', {
      parameter: 'limit',
    });
  }
  const page = await context.withCatalog((_catalog, db, _handle, { principal }) =>
    listEvalCaseCandidatePage({ db }, principal, {
      ...(suite !== undefined && { suite }),
      state,
      limit: Number(limitText),
    }),
  );
  if (context.json) {
    context.stdout(`${toJson(page.items)}\n`);
    return 0;
  }
  if (page.items.length === 0) {
    context.stdout(`no ${state} eval cases${suite ? ` for ${suite}` : ''}\n`);
    return 0;
  }
  context.stdout(
    `${table(
      ['ID', 'SUITE', 'CASE', 'FROM', 'VARIABLES', 'BY', state === 'proposed' ? 'EXPECTS' : 'DECISION'],
      page.items.map((item) => [
        String(item.id),
        item.suite,
        item.case.id,
        `${item.source.kind} ${item.source.kind === 'evalCase' ? item.source.case : (item.source.sample ?? item.source.run)}`,
        item.variablesFrom,
        item.proposedBy,
        state === 'proposed'
          ? [
              ...(item.case.assert ?? []).map((assertion) => assertion.type),
              ...(item.case.expected_class !== undefined ? [`class ${item.case.expected_class}`] : []),
            ].join(', ')
          : (item.decision ?? ''),
      ]),
    )}\n`,
  );
  return 0;
}
