import { scoreWithContext } from './context-score.ts';
import type { Detector } from './detector.ts';
import { findMatches } from './detector.ts';

const EMAIL =
  /(?<![\w.%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![\w-])/g;

export const detectEmail: Detector = (text) =>
  findMatches(text, EMAIL, (match) => {
    const [local = '', domain = ''] = match[0].split('@');
    if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return undefined;
    if (domain.split('.').some((label) => label.startsWith('-') || label.endsWith('-'))) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    const score = scoreWithContext(text, span, 0.9, ['email', 'e-mail', 'mail', 'contact'], 0.1);
    return { type: 'email', detector: 'email', start: span[0], end: span[1], score };
  });
