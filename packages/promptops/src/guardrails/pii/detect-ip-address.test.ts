import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';

const addresses = (text: string) =>
  scanText(text, { types: ['ip-address'], minScore: 0.5 }).findings.map((finding) => finding.text);

describe('ip addresses at the end of a sentence (bench/pii-eval.ts missed "my server IP is 10.141.29.195.")', () => {
  it('finds IPv4 and IPv6 followed by a full stop', () => {
    expect(addresses('connect from 10.0.0.12.')).toEqual(['10.0.0.12']);
    expect(addresses('My server IP is 10.141.29.195. Thanks')).toEqual(['10.141.29.195']);
    expect(addresses('the login came from 2001:db8:918:d::13a7.')).toEqual(['2001:db8:918:d::13a7']);
  });

  it('still rejects a dot that continues the token', () => {
    expect(addresses('1.2.3.4.5 and 1.2.3.4.example and 10.0.0.123.4')).toEqual([]);
  });
});

describe('version strings are not addresses (bench/pii-eval.ts hard negatives)', () => {
  it('drops a dotted quad right after a release word or a v prefix below the guard threshold', () => {
    for (const text of [
      'the app is on version 4.8.25.246',
      'v3.17.21.138 is out',
      'build 2.6.15.226 fixed it',
      'since updating to 4.8.25.246 it crashes',
      'release: 1.2.3.4',
      'firmware 10.0.0.1',
      'app 1.2.3.4 crashed',
    ]) {
      expect(addresses(text), text).toEqual([]);
    }
    const [version] = scanText('version 4.8.25.246').findings;
    expect(version?.score).toBeLessThan(0.5);
  });

  it('keeps addresses, private ranges included, and raises them after an address word', () => {
    expect(addresses('whitelist 192.168.1.20 please')).toEqual(['192.168.1.20']);
    expect(addresses('point the app to 10.0.0.7')).toEqual(['10.0.0.7']);
    expect(addresses('the app server is at 10.0.0.7')).toEqual(['10.0.0.7']);
    expect(scanText('my server IP is 10.1.2.3').findings[0]?.score).toBe(0.95);
    expect(scanText('it was 10.1.2.3').findings[0]?.score).toBe(0.75);
    // "ship" is not "ip": address words are matched at the start of a word.
    expect(scanText('we ship 10.1.2.3').findings[0]?.score).toBe(0.75);
  });
});
