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
