import { scoreWithContext } from './context-score.ts';
import type { Detector, Finding } from './detector.ts';
import { findMatches, makeFinding, trailingGroupSpan } from './detector.ts';

/** Provider key formats; each name becomes the finding's `detector` (`api-key/aws`). */
const API_KEY_PATTERNS: Readonly<Record<string, RegExp>> = {
  aws: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
  github: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g,
  anthropic: /\bsk-ant-[A-Za-z0-9_-]{20,256}/g,
  openai: /\bsk-(?!ant-)(?:proj-)?[A-Za-z0-9_-]{20,256}/g,
  slack: /\bxox[abposr]-[A-Za-z0-9-]{10,256}/g,
  google: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g,
};

export const detectApiKey: Detector = (text) =>
  Object.entries(API_KEY_PATTERNS).flatMap(([provider, pattern]) =>
    findMatches(text, pattern, (match) => ({
      type: 'api-key',
      detector: `api-key/${provider}`,
      start: match.index,
      end: match.index + match[0].length,
      score: 0.95,
    })),
  );

const JWT_CANDIDATE = /\beyJ[A-Za-z0-9_-]{5,512}\.eyJ[A-Za-z0-9_-]{2,8192}\.[A-Za-z0-9_-]{0,2048}/g;

export function hasJwtHeader(token: string): boolean {
  try {
    const header: unknown = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'));
    return (
      typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

export const detectJwt: Detector = (text) =>
  findMatches(text, JWT_CANDIDATE, (match) =>
    hasJwtHeader(match[0])
      ? { type: 'jwt', detector: 'jwt', start: match.index, end: match.index + match[0].length, score: 0.95 }
      : undefined,
  );

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----/g;

/** PEM private key blocks; found with indexOf so unterminated blocks cost linear time. */
export const detectPrivateKey: Detector = (text) => {
  const findings: Finding[] = [];
  PEM_BEGIN.lastIndex = 0;
  for (let begin = PEM_BEGIN.exec(text); begin !== null; begin = PEM_BEGIN.exec(text)) {
    const endMarker = begin[0].replace('BEGIN', 'END');
    const endAt = text.indexOf(endMarker, begin.index + begin[0].length);
    if (endAt === -1) break;
    const end = endAt + endMarker.length;
    findings.push(
      makeFinding(text, { type: 'private-key', detector: 'private-key', start: begin.index, end, score: 1 }),
    );
    PEM_BEGIN.lastIndex = end;
  }
  return findings;
};

const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]{16,4096}={0,2})/g;

export const detectBearerToken: Detector = (text) =>
  findMatches(text, BEARER, (match) => {
    const span = trailingGroupSpan(match, match[1] ?? '');
    const score = scoreWithContext(text, span, 0.8, ['authorization'], 0.15);
    return { type: 'bearer-token', detector: 'bearer-token', start: span[0], end: span[1], score };
  });

const PASSWORD = /\b(?:password|passwd|pwd|passphrase|pass)\s*[:=]\s*["']?([^\s"',;]{3,256})/gi;

export const detectPassword: Detector = (text) =>
  findMatches(text, PASSWORD, (match) => {
    const span = trailingGroupSpan(match, match[1] ?? '');
    return { type: 'password', detector: 'password', start: span[0], end: span[1], score: 0.85 };
  });
