import { describe, expect, it } from 'vitest';
import { MAX_SCAN_CHARS, normalizeForScan } from './normalize-for-scan.ts';

describe('normalizeForScan', () => {
  it('undoes look-alikes, zero-width characters and full-width forms', () => {
    const scan = normalizeForScan('Іgnоrе\u200B ａｌｌ prеvious');
    expect(scan.text).toBe('ignore all previous');
    expect(scan.zeroWidthCount).toBe(1);
    expect(scan.mixedScriptWords).toBe(2);
  });

  it('reads runs of spaces and tabs as one space, keeping line breaks', () => {
    expect(normalizeForScan('ignore  \t previous\n\ninstructions').text).toBe(
      'ignore previous\n\ninstructions',
    );
  });

  it('scans only the first 64 KB and says so', () => {
    const scan = normalizeForScan('a'.repeat(MAX_SCAN_CHARS + 10));
    expect(scan.truncated).toBe(true);
    expect(scan.text.length).toBe(MAX_SCAN_CHARS);
  });
});
