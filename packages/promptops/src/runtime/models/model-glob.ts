/**
 * Matches a `provider/model` id against a policies.yaml glob where `*` stands for any run of
 * characters (`openai/*`, `*`, `azure/gpt-4o*`, or an exact id). Patterns are user-supplied, so no
 * RegExp is built from them: the pattern is split on `*` and its pieces are found left to right with
 * `indexOf`. Taking the leftmost place for each piece is always right for `*`-only globs (a later
 * place only leaves less room for the rest), so there is no backtracking and a pattern such as
 * `a*a*a*a*b` costs at most one scan per piece.
 *
 * @example
 * matchesModelGlob('openai/*', 'openai/gpt-4o-mini'); // true
 * matchesModelGlob('openai/gpt-4o', 'openai/gpt-4o-mini'); // false: no * means exact
 */
export function matchesModelGlob(pattern: string, modelId: string): boolean {
  const pieces = pattern.split('*');
  if (pieces.length === 1) return pattern === modelId;
  const head = pieces[0] ?? '';
  const tail = pieces[pieces.length - 1] ?? '';
  if (modelId.length < head.length + tail.length) return false;
  if (!modelId.startsWith(head) || !modelId.endsWith(tail)) return false;
  const end = modelId.length - tail.length;
  let position = head.length;
  for (const piece of pieces.slice(1, -1)) {
    if (piece === '') continue;
    const found = modelId.indexOf(piece, position);
    if (found === -1 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}
