import { describe, expect, it } from 'vitest';
import { compileCustomRecognizer } from './custom-recognizer.ts';
import { scanText } from './scan-text.ts';

describe('compileCustomRecognizer', () => {
  it('finds matches with context scoring', () => {
    const compiled = compileCustomRecognizer({
      name: 'employee-id',
      pattern: 'EMP-\\d{6}',
      contextWords: ['employee'],
    });
    if (!compiled.ok) throw new Error(compiled.message);
    const { findings } = scanText('employee EMP-123456, ref EMP-12', {
      types: [],
      extraDetectors: [compiled.detector],
    });
    expect(findings).toEqual([
      {
        type: 'custom:employee-id',
        detector: 'custom:employee-id',
        start: 9,
        end: 19,
        text: 'EMP-123456',
        score: 0.8,
      },
    ]);
  });

  it('applies a named validator', () => {
    const compiled = compileCustomRecognizer({ name: 'card-like', pattern: '\\d{16}', validator: 'luhn' });
    if (!compiled.ok) throw new Error(compiled.message);
    expect(
      compiled.detector('4111111111111111 4111111111111112', { phoneRegions: [] }).map((f) => f.text),
    ).toEqual(['4111111111111111']);
  });

  it('cannot hang on a pattern that backtracks catastrophically in JavaScript', () => {
    const compiled = compileCustomRecognizer({ name: 'evil', pattern: '(a|aa)+$' });
    if (!compiled.ok) throw new Error(compiled.message);
    // 100 000 characters: a backtracking engine would not finish this in the lifetime of the test.
    const findings = compiled.detector(`${'a'.repeat(100_000)}b`, { phoneRegions: [] });
    expect(findings).toEqual([]);
  });

  it('reports positions in UTF-16 code units, like the rest of the scanner', () => {
    const compiled = compileCustomRecognizer({ name: 'employee-id', pattern: 'EMP-\\d{6}', flags: 'i' });
    if (!compiled.ok) throw new Error(compiled.message);
    const text = '😀 emp-123456';
    const [finding] = compiled.detector(text, { phoneRegions: [] });
    expect(finding && text.slice(finding.start, finding.end)).toBe('emp-123456');
  });

  it('returns a clear error value naming the field for refused or malformed specs', () => {
    const lookaround = compileCustomRecognizer({ name: 'bad', pattern: 'a(?=b)' });
    expect(lookaround).toMatchObject({ ok: false, field: 'pattern' });
    expect(lookaround.ok ? '' : lookaround.message).toMatch(/recognizer "bad": .*lookahead or lookbehind/);
    const backreference = compileCustomRecognizer({ name: 'bad', pattern: '(a)\\1' });
    expect(backreference.ok ? '' : backreference.message).toMatch(/backreference/);
    expect(compileCustomRecognizer({ name: 'x', pattern: '[a-' })).toMatchObject({
      ok: false,
      field: 'pattern',
    });
    expect(compileCustomRecognizer({ name: 'x', pattern: 'a'.repeat(1001) })).toMatchObject({ ok: false });
    expect(compileCustomRecognizer({ name: 'x', pattern: 'a', flags: 'y' })).toMatchObject({
      ok: false,
      field: 'flags',
    });
    expect(compileCustomRecognizer({ name: 'Bad Name', pattern: 'a' })).toMatchObject({
      ok: false,
      field: 'name',
    });
  });
});
