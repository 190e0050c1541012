import { countTextTokens } from '../../../templates/index.ts';
import type { LintRule, SectionCost } from '../lint-types.ts';

const TAG = /\{%-?[\s\S]*?-?%\}/g;

/**
 * Tokens per section of the prompt, from the templates with their fragments inlined: Liquid tags
 * are dropped and `{{ variables }}` counted as written, so this is the cost before any variable is
 * filled (o200k_base, an estimate for other models).
 */
export function sectionCosts(
  pieces: readonly { section: string; fragment?: string; text: string }[],
): SectionCost[] {
  const sections = new Map<string, SectionCost>();
  for (const piece of pieces) {
    const cost = sections.get(piece.section) ?? { section: piece.section, tokens: 0, fragments: [] };
    cost.tokens += countTextTokens(piece.text.replace(TAG, ''));
    if (piece.fragment && !cost.fragments.includes(piece.fragment)) cost.fragments.push(piece.fragment);
    sections.set(piece.section, cost);
  }
  return [...sections.values()];
}

export const sectionTokenCost: LintRule = {
  id: 'section-token-cost',
  severity: 'info',
  title: 'Token cost of each section',
  explanation:
    'Not a problem: a report of the estimated tokens each section of the prompt costs on every call ' +
    '(system role, capabilities, constraints, guidelines, output format, escalation, each message), ' +
    'with the fragments it renders inlined and variables not yet filled. The seed\'s "Token ' +
    'Efficiency": token costs accumulate at scale, so optimise prompts for efficiency — knowing which ' +
    'section is expensive is where compression starts.',
  hint: 'Compress the largest sections first (the seed\'s "Classify ticket into: billing|technical|…" example); prove the shorter wording with the prompt\'s eval suites.',
  check(prompt) {
    const sections = sectionCosts(prompt.pieces);
    const total = sections.reduce((sum, section) => sum + section.tokens, 0);
    const parts = sections.map(
      (section) =>
        `${section.section} ${section.tokens}${section.fragments.length > 0 ? ` (with ${section.fragments.join(', ')})` : ''}`,
    );
    return [
      {
        message: `≈ ${total} tokens before variables are filled: ${parts.join(', ')}`,
        at: { field: '' },
        sections,
      },
    ];
  },
};
