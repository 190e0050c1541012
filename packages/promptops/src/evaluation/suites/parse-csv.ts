/** One CSV cell and where it starts (1-based line and column), for located messages. */
export interface CsvCell {
  text: string;
  line: number;
  column: number;
}

export type CsvParse =
  | { ok: true; rows: CsvCell[][] }
  | { ok: false; problem: { message: string; line: number; column: number } };

/**
 * Reads RFC 4180 CSV: `,` between cells, `"` around cells holding commas, quotes or line breaks, `""`
 * for a quote inside one. Blank lines are skipped; a byte-order mark is dropped and line breaks
 * (`\r\n`, `\r`) are read as `\n`.
 * @example parseCsv('a,b\n"x, y",2\n') // { ok: true, rows: [[a, b], ["x, y", 2]] } with positions
 */
export function parseCsv(source: string): CsvParse {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const rows: CsvCell[][] = [];
  let row: CsvCell[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const failure = (message: string, at: number): CsvParse => ({
    ok: false,
    problem: { message, line, column: at - lineStart + 1 },
  });
  while (index <= text.length) {
    const cell: CsvCell = { text: '', line, column: index - lineStart + 1 };
    const quoted = text[index] === '"';
    if (quoted) {
      index += 1;
      for (;;) {
        if (index >= text.length) {
          return {
            ok: false,
            problem: { message: 'a quoted cell is never closed', line: cell.line, column: cell.column },
          };
        }
        const character = text[index] as string;
        index += 1;
        if (character === '"' && text[index] === '"') {
          cell.text += '"';
          index += 1;
        } else if (character === '"') {
          break;
        } else {
          cell.text += character;
          if (character === '\n') {
            line += 1;
            lineStart = index;
          }
        }
      }
      if (index < text.length && text[index] !== ',' && text[index] !== '\n') {
        return failure('text after a closing quote: a quote inside a quoted cell is written ""', index);
      }
    } else {
      while (index < text.length && text[index] !== ',' && text[index] !== '\n') {
        if (text[index] === '"') {
          return failure(
            'a quote inside an unquoted cell: quote the whole cell and write the quote as ""',
            index,
          );
        }
        cell.text += text[index];
        index += 1;
      }
    }
    row.push(cell);
    if (text[index] === ',') {
      index += 1;
      continue;
    }
    // A line break or the end of the text ends the row.
    const blank = row.length === 1 && !quoted && cell.text === '';
    if (!blank) rows.push(row);
    row = [];
    index += 1;
    line += 1;
    lineStart = index;
  }
  return { ok: true, rows };
}
