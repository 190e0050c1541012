import { describe, expect, it } from 'vitest';
import { escapeAttribute, escapeMarkup, truncate } from './escape-markup.ts';

describe('escapeMarkup', () => {
  it('neutralises script tags, CDATA ends, quotes and ampersands', () => {
    expect(escapeMarkup('</script><script>alert(1)</script>')).toBe(
      '&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;',
    );
    expect(escapeMarkup(']]>')).toBe(']]&gt;');
    expect(escapeMarkup(`"a" & 'b'`)).toBe('&quot;a&quot; &amp; &#39;b&#39;');
  });

  it('drops characters XML forbids and keeps tab, newline, emoji and accents', () => {
    expect(escapeMarkup('a\u0000b\u0007c\u001Bd\u007Fe\uFFFFf')).toBe('abcdef');
    expect(escapeMarkup('x\uD800y')).toBe('xy');
    expect(escapeMarkup('tab\there\nnew — café 🎉')).toBe('tab\there\nnew — café 🎉');
  });

  it('encodes whitespace in attributes so parsers do not fold it', () => {
    expect(escapeAttribute('line 1\nline 2\t"x"')).toBe('line 1&#10;line 2&#9;&quot;x&quot;');
  });
});

describe('truncate', () => {
  it('cuts long text with an ellipsis, never inside a surrogate pair', () => {
    expect(truncate('hello', 10)).toBe('hello');
    expect(truncate('hello world', 5)).toBe('hello…');
    expect(truncate('🎉🎉🎉', 2)).toBe('🎉🎉…');
  });
});
