import { isIPv6 } from 'node:net';
import { contextBefore, scoreWithContext, sentenceBefore, startOfWordPattern } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import { findMatches } from './detector.ts';

// A trailing full stop ends the sentence ("connect from 10.0.0.12."); a dot followed by a word
// character continues the token (`1.2.3.4.5`, `1.2.3.4.example`), so that is not an address.
const IPV4_CANDIDATE = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\w)/g;
const IPV6_CANDIDATE =
  /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:]|\.\w)/g;
const CONTEXT = ['ip', 'address', 'host', 'server', 'client'];

/** Words that say a dotted quad is an address, not a release number. */
const ADDRESS_WORDS = startOfWordPattern([
  'ip',
  'address',
  'host',
  'server',
  'client',
  'from',
  'connect',
  'login',
  'logged in',
  'blocked',
  'whitelist',
  'allowlist',
  'firewall',
  'gateway',
  'subnet',
  'proxy',
  'dns',
  'vpn',
  'ping',
]);
/**
 * A release-number word ending right before the candidate: `version 4.8.25.246`, `build: 2.6.15.226`,
 * `app 1.2.3.4`, `updating to 3.17.21.138`, `v 1.2.3.4` (`v1.2.3.4` never matches the candidate).
 * "to" and "from" only count after update words, so "point the app to 10.0.0.7" stays an address.
 */
const VERSION_WORD_BEFORE = new RegExp(
  [
    '(?:^|[^a-z])(?:',
    '(?:v|ver|version|build|release|firmware|sdk|patch|rev|revision)(?:\\s+(?:is|was|number|no\\.?))?',
    '|app',
    '|(?:update[ds]?|updating|upgrade[ds]?|upgrading)(?:\\s+(?:to|from))?',
    ')[\\s:#=]*$',
  ].join(''),
  'i',
);

export function isIpv4(candidate: string): boolean {
  return candidate
    .split('.')
    .every((octet) => Number(octet) <= 255 && (octet.length === 1 || !octet.startsWith('0')));
}

/**
 * Four-part version strings ("version 4.8.25.246", "build 2.6.15.226") are valid IPv4 addresses,
 * private ranges included, so the words before decide (bench/pii-eval.ts hard negatives): a release
 * word right before drops the score below the guards' 0.5, whatever else the sentence says ("my
 * server is on version 4.8.25.246" is still a version); an address word (IP, server, from, connect)
 * earlier in the sentence raises it.
 */
function ipv4Score(text: string, start: number): number {
  if (VERSION_WORD_BEFORE.test(sentenceBefore(text, start, 32))) return 0.2;
  return contextBefore(text, start, ADDRESS_WORDS) ? 0.95 : 0.75;
}

export const detectIpAddress: Detector = (text) => {
  const version4 = findMatches(text, IPV4_CANDIDATE, (match) => {
    if (!isIpv4(match[0])) return undefined;
    const span: [number, number] = [match.index, match.index + match[0].length];
    return {
      type: 'ip-address',
      detector: 'ipv4',
      start: span[0],
      end: span[1],
      score: ipv4Score(text, span[0]),
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
