import { describe, expect, it } from 'vitest';
import { defaultGuardDetectors } from '../../guardrails/default-detectors.ts';
import type { Database, RunRecordRow } from '../../store/index.ts';
import { createRunSampler } from './create-run-sampler.ts';

const detectors = (() => {
  const { scanPii, redactPii } = defaultGuardDetectors();
  return { scanPii: scanPii!, redactPii: redactPii! };
})();

function record(): RunRecordRow {
  return {
    id: 'run-1',
    prompt: 'support/reply',
    version: 2,
    redactedInput: null,
    redactedOutput: null,
  } as RunRecordRow;
}

describe('createRunSampler', () => {
  it('stores redacted input and output: every string of the variables, at any depth', () => {
    const warnings: string[] = [];
    const sampler = createRunSampler({
      keepRedactedIo: true,
      detectors,
      warn: (message) => warnings.push(message),
    });
    const row = record();
    const kept = sampler.prepare(row, {
      input: { message: 'I am jane.doe@example.com', history: [{ text: 'call +1 202-555-0143' }], count: 3 },
      output: 'We wrote to jane.doe@example.com.',
    });
    expect(kept).toBe(true);
    expect(JSON.parse(row.redactedInput!)).toEqual({
      count: 3,
      history: [{ text: 'call [PHONE]' }],
      message: 'I am [EMAIL]',
    });
    expect(row.redactedOutput).toBe('We wrote to [EMAIL].');
    expect(warnings).toEqual([]);
  });

  it('samples nothing when retention keeps no input and output, and says so once', () => {
    const warnings: string[] = [];
    const sampler = createRunSampler({
      keepRedactedIo: false,
      detectors,
      warn: (message) => warnings.push(message),
    });
    const row = record();
    expect(sampler.prepare(row, { input: { message: 'hi' }, output: 'hello' })).toBe(false);
    expect(sampler.prepare(record(), { input: {}, output: '' })).toBe(false);
    expect(row).toMatchObject({ redactedInput: null, redactedOutput: null });
    expect(warnings).toEqual([expect.stringContaining('retention.redacted_io is false')]);
  });

  it('drops the sample, never the record, when redaction fails', () => {
    const warnings: string[] = [];
    const sampler = createRunSampler({
      keepRedactedIo: true,
      detectors: {
        ...detectors,
        scanPii: () => {
          throw new Error('scanner broke');
        },
      },
      warn: (message) => warnings.push(message),
    });
    const row = record();
    expect(sampler.prepare(row, { input: { message: 'hi' }, output: 'hello' })).toBe(false);
    expect(row).toMatchObject({ redactedInput: null, redactedOutput: null });
    expect(warnings).toEqual([
      'run run-1 was not sampled: redacting its input and output failed: scanner broke',
    ]);
  });

  it('warns, never throws, when the queue cannot be written, and wakes the worker only after a write', async () => {
    const warnings: string[] = [];
    let woken = 0;
    const sampler = createRunSampler({
      keepRedactedIo: true,
      detectors,
      warn: (message) => warnings.push(message),
      onQueued: () => {
        woken += 1;
      },
    });
    const broken = {
      insert: () => {
        throw new Error('connection refused');
      },
    } as unknown as Database;
    await expect(sampler.queue(broken, [record()])).resolves.toBeUndefined();
    expect(warnings).toEqual([
      '1 sampled run(s) were not queued for continuous evaluation: connection refused',
    ]);
    expect(woken).toBe(0);
  });
});
