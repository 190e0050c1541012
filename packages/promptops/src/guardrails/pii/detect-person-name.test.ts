import { describe, expect, it } from 'vitest';
import { scanText } from './scan-text.ts';

const names = (text: string) =>
  scanText(text, { types: ['person-name'], minScore: 0.5 }).findings.map((finding) => finding.text);

describe('person names in context (bench/held-out recall was 0.33)', () => {
  it('finds names after introductions, in sign-offs, signatures and mail headers', () => {
    expect(names('Hello, this is Ahmed Hughes from the accounts team.')).toEqual(['Ahmed Hughes']);
    expect(names("Hi, Wei Bergström here. The parcel didn't arrive.")).toEqual(['Wei Bergström']);
    expect(names('Paid to GB10BARC43544584183700 (account holder Priya Reyes).')).toEqual(['Priya Reyes']);
    expect(names('The tracking has not changed.\n\nThanks,\nLeila Hughes')).toEqual(['Leila Hughes']);
    expect(names('Cheers, Priya — sent from my phone.')).toEqual(['Priya']);
    expect(names('Liam Adeyemi\nOperations Manager\nT: +1 503 223 3609')).toEqual(['Liam Adeyemi']);
    expect(names('From: James Costa <jc@example.org>\nSubject: login')).toEqual(['James Costa']);
    expect(names("My name is Yuki O'Brien.")).toEqual(["Yuki O'Brien"]);
  });

  it('leaves brands, team sign-offs and bare capitalised pairs alone', () => {
    expect(names('Do you stock the Kate Spade crossbody bag in black?')).toEqual([]);
    expect(names('Your replacement is on its way.\nKind regards, Support')).toEqual([]);
    expect(names('This is Calvin Klein perfume, right?')).toEqual([]);
    expect(names('Thanks, Customer Service')).toEqual([]);
  });
});
