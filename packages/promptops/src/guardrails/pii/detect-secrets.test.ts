import { describe, expect, it } from 'vitest';
import type { DetectorContext } from './detector.ts';
import { DETECTORS } from './detectors.ts';
import type { EntityType } from './entity-type.ts';

const context: DetectorContext = { phoneRegions: [] };

function found(type: EntityType, text: string): string[] {
  return DETECTORS[type](text, context).map((finding) => finding.text);
}

describe('secrets', () => {
  it('finds provider keys', () => {
    const text = [
      'AKIAIOSFODNN7EXAMPLE',
      `ghp_${'a'.repeat(36)}`,
      `sk-ant-api03-${'b'.repeat(30)}`,
      `sk-proj-${'c'.repeat(30)}`,
      'xoxb-1234567890-abcdefghij',
      `AIza${'d'.repeat(35)}`,
    ].join(' ');
    expect(
      DETECTORS['api-key'](text, context)
        .map((finding) => finding.detector)
        .sort(),
    ).toEqual([
      'api-key/anthropic',
      'api-key/aws',
      'api-key/github',
      'api-key/google',
      'api-key/openai',
      'api-key/slack',
    ]);
    expect(found('api-key', 'AKIA123 sk-short ghp_short')).toEqual([]);
  });
  it('accepts JWTs only when the header decodes with alg', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"1"}').toString('base64url');
    expect(found('jwt', `token ${header}.${payload}.c2lnbmF0dXJl`)).toEqual([
      `${header}.${payload}.c2lnbmF0dXJl`,
    ]);
    const noAlg = Buffer.from('{"typ":"JWT"}').toString('base64url');
    expect(found('jwt', `${noAlg}.${payload}.sig`)).toEqual([]);
  });
  it('finds PEM private key blocks and ignores unterminated ones', () => {
    const block = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    expect(found('private-key', `key:\n${block}\n`)).toEqual([block]);
    expect(found('private-key', '-----BEGIN PRIVATE KEY-----\nMIIE')).toEqual([]);
  });
  it('finds bearer tokens and passwords', () => {
    expect(found('bearer-token', 'Authorization: Bearer abcdef0123456789xyz')).toEqual([
      'abcdef0123456789xyz',
    ]);
    expect(found('password', 'password: hunter22 and pwd="s3cr3t!"')).toEqual(['hunter22', 's3cr3t!']);
    expect(found('password', 'forgot my password yesterday')).toEqual([]);
  });
});
