interface Row {
  left: string | null;
  right: string | null;
  kind: 'same' | 'changed' | 'fold';
}

/**
 * The server's line diff (`+ `, `- `, `  ` prefixes, `  ⋯ N unchanged lines` folds) as rows of two
 * columns: removed lines on the left beside the added lines that replaced them on the right.
 */
export function toRows(lines: readonly string[]): Row[] {
  const rows: Row[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    for (let index = 0; index < Math.max(removed.length, added.length); index++) {
      rows.push({ left: removed[index] ?? null, right: added[index] ?? null, kind: 'changed' });
    }
    removed = [];
    added = [];
  };
  for (const line of lines) {
    const text = line.slice(2);
    if (line.startsWith('- ')) removed.push(text);
    else if (line.startsWith('+ ')) added.push(text);
    else {
      flush();
      rows.push(
        text.startsWith('⋯')
          ? { left: text, right: text, kind: 'fold' }
          : { left: text, right: text, kind: 'same' },
      );
    }
  }
  flush();
  return rows;
}

export function SideBySideDiff({
  lines,
  left,
  right,
  testId = 'side-by-side-diff',
}: {
  lines: readonly string[];
  left: string;
  right: string;
  testId?: string;
}) {
  const rows = toRows(lines);
  if (!rows.some((row) => row.kind === 'changed')) return <p className="muted">No differences.</p>;
  return (
    <div className="diff" data-testid={testId}>
      <div className="diff-head narrow-only">
        {left} → {right}
      </div>
      <div className="diff-head wide-only">{left}</div>
      <div className="diff-head wide-only">{right}</div>
      {rows.map((row, index) => {
        const leftClass = row.kind !== 'changed' ? '' : row.left === null ? 'empty' : 'removed';
        const rightClass = row.kind !== 'changed' ? '' : row.right === null ? 'empty' : 'added';
        // biome-ignore-start lint/suspicious/noArrayIndexKey: diff rows have no identity but their place
        return [
          <div key={`l${index}`} className={`diff-cell ${leftClass} ${row.kind === 'fold' ? 'muted' : ''}`}>
            {row.left ?? ''}
          </div>,
          <div
            key={`r${index}`}
            className={`diff-cell ${rightClass} ${row.kind === 'fold' ? 'muted' : ''} ${row.kind === 'changed' ? '' : 'twin'}`}
          >
            {row.right ?? ''}
          </div>,
        ];
        // biome-ignore-end lint/suspicious/noArrayIndexKey: diff rows have no identity but their place
      })}
    </div>
  );
}
