import { describe, expect, it } from 'vitest';
import { progressBar } from './progress-bar.ts';

describe('progressBar', () => {
  it('redraws one line on a terminal', () => {
    let text = '';
    const bar = progressBar({ label: 'intents', write: (chunk) => (text += chunk), isTty: true, width: 4 });
    bar.update(1, 2);
    bar.update(2, 2);
    bar.finish();
    expect(text).toBe('\rintents [##--] 1/2\rintents [####] 2/2\n');
  });

  it('writes a line per 10% in a log', () => {
    const lines: string[] = [];
    const bar = progressBar({ label: 'suite', write: (chunk) => lines.push(chunk), isTty: false });
    for (let done = 1; done <= 40; done++) bar.update(done, 40);
    bar.finish();
    expect(lines).toHaveLength(10);
    expect(lines.at(-1)).toBe('suite 40/40 (100%)\n');
  });
});
