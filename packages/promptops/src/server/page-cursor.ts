import { PromptopsError } from '../errors/index.ts';

/**
 * Opaque page cursors: the `next` of one page is the `cursor` of the following one. The position
 * inside (an id, a time) is base64url JSON so clients do not build cursors of their own; a cursor
 * that does not decode is a 400 naming the parameter, never a silently restarted listing.
 */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor<Shape extends Record<string, 'string' | 'number'>>(
  cursor: string | undefined,
  shape: Shape,
): { [Key in keyof Shape]: Shape[Key] extends 'string' ? string : number } | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (decoded === null || typeof decoded !== 'object') throw invalid();
  for (const [key, type] of Object.entries(shape)) {
    if (typeof (decoded as Record<string, unknown>)[key] !== type) throw invalid();
  }
  return decoded as never;
}

function invalid(): PromptopsError {
  return new PromptopsError('invalid_argument', 'querystring/cursor: not a cursor this listing gave out', {
    parameter: 'querystring.cursor',
  });
}

/**
 * A listing paged by descending numeric id: decodes `cursor` into `before`, lists one page with the
 * rest of the query as filters, and encodes the next page's cursor (`null` on the last page).
 * @example app.get('/api/samples', async (request) => pageBeforeId(request.query, (filter) => listSamplePage(review, principal, filter)))
 */
export async function pageBeforeId<Query extends { limit: number; cursor?: string }, Item>(
  query: Query,
  list: (
    filter: Omit<Query, 'cursor'> & { before?: number },
  ) => Promise<{ items: Item[]; nextBefore: number | null }>,
): Promise<{ items: Item[]; limit: number; next: string | null }> {
  const { cursor, ...filter } = query;
  const after = decodeCursor(cursor, { before: 'number' });
  const page = await list({ ...filter, ...(after && { before: after.before }) });
  return {
    items: page.items,
    limit: query.limit,
    next: page.nextBefore === null ? null : encodeCursor({ before: page.nextBefore }),
  };
}
