import { describe, expect, it } from 'vitest';
import { checkCitations } from './check-citations.ts';

const RETRIEVED = new Set(['kb:returns', 'kb:billing/refunds']);

describe('checkCitations', () => {
  it('accepts citations of retrieved passages, inside a sentence or right after its full stop', () => {
    const output =
      'Items can be returned within 30 days of delivery [kb:returns]. Refunds follow a review by the returns team. [kb:billing/refunds]';
    expect(checkCitations(output, RETRIEVED, true)).toEqual({
      unknown: [],
      uncited: [],
      cited: ['kb:returns', 'kb:billing/refunds'],
    });
  });

  it('reports ids the run did not retrieve, with where they are', () => {
    const output = 'Members return for free [kb:returns, kb:membership].';
    const found = checkCitations(output, RETRIEVED, false);
    expect(found.unknown.map(({ id }) => id)).toEqual(['kb:membership']);
    const span = found.unknown[0]!.span;
    expect(output.slice(span.start, span.end)).toBe('kb:membership');
  });

  it('asks claim-like sentences for a citation only when required, and leaves questions and courtesy alone', () => {
    const output =
      'Thanks for asking about that today! Items can be returned within thirty days of delivery. Would you like me to start a return for you?\nShort line.';
    expect(checkCitations(output, RETRIEVED, false).uncited).toEqual([]);
    const uncited = checkCitations(output, RETRIEVED, true).uncited;
    expect(uncited.map((span) => output.slice(span.start, span.end).trim())).toEqual([
      'Items can be returned within thirty days of delivery.',
    ]);
  });

  it('does not take a bracketed word without a source for a citation', () => {
    expect(
      checkCitations('See the [returns] page for the label you need to print.', RETRIEVED, true),
    ).toMatchObject({
      cited: [],
      uncited: [{ label: 'uncited-claim' }],
    });
  });
});
