/**
 * The known name closest to a misspelt one, for "did you mean …?" hints: case-insensitive equality
 * first, then the fewest edits (a swap of two neighbours counts as one) within a third of the length,
 * then the shortest name that starts with the misspelt one.
 * @example suggestName('temprature', ['temperature', 'top_p']) // 'temperature'
 */
export function suggestName(
  wrong: string,
  known: Iterable<string>,
  options: { prefixes?: boolean } = {},
): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const lowered = wrong.toLowerCase();
  const candidates = [...known];
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lowered) return candidate;
  }
  for (const candidate of candidates) {
    const distance = editDistance(lowered, candidate.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(candidate.length, wrong.length) / 3));
    if (distance <= allowed && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined || lowered.length < 2 || options.prefixes === false) return best;
  // A cut-short name ("temp", "hi") is a prefix of the meant one; the shortest such is the likeliest.
  const extended = candidates.filter((candidate) => candidate.toLowerCase().startsWith(lowered));
  return extended.sort((left, right) => left.length - right.length)[0];
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const cell = (row: number, column: number): number => table[row]?.[column] ?? 0;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let value = Math.min(
        cell(row - 1, column) + 1,
        cell(row, column - 1) + 1,
        cell(row - 1, column - 1) + cost,
      );
      if (
        row > 1 &&
        column > 1 &&
        left[row - 1] === right[column - 2] &&
        left[row - 2] === right[column - 1]
      ) {
        value = Math.min(value, cell(row - 2, column - 2) + 1);
      }
      (table[row] as number[])[column] = value;
    }
  }
  return cell(rows - 1, columns - 1);
}
