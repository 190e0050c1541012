import { isIPv6 } from 'node:net';
import { scoreWithContext } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import { findMatches } from './detector.ts';

const IPV4_CANDIDATE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]|\.\d)/g;
const IPV6_CANDIDATE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:.])/g;
const CONTEXT = ['ip', 'address', 'host', 'server', 'client'];

export function isIpv4(candidate: string): boolean {
  return candidate
    .split('.')
    .every((octet) => Number(octet) <= 255 && (octet.length === 1 || !octet.startsWith('0')));
}

export const detectIpAddress: Detector = (text) => {
  const version4 = findMatches(text, IPV4_CANDIDATE, (match) => {
    if (!isIpv4(match[0])) return undefined;
    // `v1.2.3.4` and `version 1.2.3.4` are release numbers.
    const before = text.slice(Math.max(0, match.index - 8), match.index).toLowerCase();
    if (/(?:\bv|version\s*)$/.test(before)) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    return {
      type: 'ip-address',
      detector: 'ipv4',
      start: span[0],
      end: span[1],
      score: scoreWithContext(text, span, 0.75, CONTEXT),
    };
  });
  const version6: Finding[] = findMatches(text, IPV6_CANDIDATE, (match) => {
    if (!isIPv6(match[0]) || !/[0-9A-Fa-f]/.test(match[0])) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    return {
      type: 'ip-address',
      detector: 'ipv6',
      start: span[0],
      end: span[1],
      score: scoreWithContext(text, span, 0.75, CONTEXT),
    };
  });
  return [...version4, ...version6];
};
