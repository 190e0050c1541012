import { describe, expect, it } from 'vitest';
import { checkPatternSafety } from './check-pattern-safety.ts';
import { compileCustomRecognizer } from './custom-recognizer.ts';
import { scanText } from './scan-text.ts';

describe('checkPatternSafety', () => {
  it('accepts ordinary patterns', () => {
    for (const pattern of [
      'EMP-\\d{6}',
      '(?:ab|cd)+x',
      '[a-z]+@corp',
      '(?<id>\\d{4})-\\d+',
      '(a|b)?c*',
      '\\(+\\)',
    ]) {
      expect(checkPatternSafety(pattern)).toBeUndefined();
    }
  });

  it('rejects nested quantifiers, backreferences, lookarounds and long patterns', () => {
    expect(checkPatternSafety('(a+)+$')?.code).toBe('pattern-nested-quantifier');
    expect(checkPatternSafety('(\\w*)*x')?.code).toBe('pattern-nested-quantifier');
    expect(checkPatternSafety('((ab)+c)*')?.code).toBe('pattern-nested-quantifier');
    expect(checkPatternSafety('(a)\\1')?.code).toBe('pattern-backreference');
    expect(checkPatternSafety('(?<x>a)\\k<x>')?.code).toBe('pattern-backreference');
    expect(checkPatternSafety('a(?=b)')?.code).toBe('pattern-lookaround');
    expect(checkPatternSafety('(?<!a)b')?.code).toBe('pattern-lookaround');
    expect(checkPatternSafety('a'.repeat(300))?.code).toBe('pattern-too-long');
    expect(checkPatternSafety('(ab')?.code).toBe('pattern-invalid');
  });
});

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

  it('returns a clear error value for unsafe or malformed specs', () => {
    const unsafe = compileCustomRecognizer({ name: 'bad', pattern: '(a+)+$' });
    expect(unsafe).toMatchObject({ ok: false, issue: { code: 'pattern-nested-quantifier', at: 0 } });
    expect(unsafe.ok ? '' : unsafe.message).toContain('(a+)+');
    expect(compileCustomRecognizer({ name: 'x', pattern: '[a-' })).toMatchObject({ ok: false });
    expect(compileCustomRecognizer({ name: 'x', pattern: 'a', flags: 'y' })).toMatchObject({
      ok: false,
      issue: { code: 'flags-invalid' },
    });
    expect(compileCustomRecognizer({ name: 'Bad Name', pattern: 'a' })).toMatchObject({
      ok: false,
      issue: { code: 'name-invalid' },
    });
  });
});
