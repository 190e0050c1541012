import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv.ts';

const texts = (source: string) => {
  const parsed = parseCsv(source);
  if (!parsed.ok) throw new Error(parsed.problem.message);
  return parsed.rows.map((row) => row.map((cell) => cell.text));
};

describe('parseCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, and skips blank lines', () => {
    expect(texts('a,b\r\n"x, ""y""","two\nlines"\n\n,\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'two\nlines'],
      ['', ''],
    ]);
  });

  it('knows where each cell starts', () => {
    const parsed = parseCsv('a,"b\nc",d\ne');
    expect(parsed.ok && parsed.rows.map((row) => row.map(({ line, column }) => `${line}:${column}`))).toEqual(
      [['1:1', '1:3', '2:4'], ['3:1']],
    );
  });

  it('locates quotes in the wrong place', () => {
    expect(parseCsv('a,b"c\n')).toEqual({
      ok: false,
      problem: { message: expect.stringMatching(/^a quote inside an unquoted cell/), line: 1, column: 4 },
    });
    expect(parseCsv('"a"b\n')).toMatchObject({ ok: false, problem: { line: 1, column: 4 } });
  });
});
