import { describe, expect, it } from 'vitest';
import { createCircuitBreakers } from './circuit-breaker.ts';

function breakersAt(start = 1_000) {
  const clock = { time: start };
  const breakers = createCircuitBreakers({
    window: 10,
    minimumCalls: 4,
    failureRate: 0.5,
    cooldownMs: 30_000,
    now: () => clock.time,
  });
  return { breakers, clock };
}

function recordAll(
  breakers: ReturnType<typeof createCircuitBreakers>,
  provider: string,
  results: boolean[],
): void {
  for (const success of results) breakers.record(provider, success);
}

describe('createCircuitBreakers', () => {
  it('stays closed while fewer calls than the minimum were made, even when all of them failed', () => {
    const { breakers } = breakersAt();
    recordAll(breakers, 'openai', [false, false, false]);
    expect(breakers.state('openai')).toBe('closed');
    expect(breakers.allow('openai')).toBe(true);
  });

  it('opens once the minimum is reached and the failure share reaches the rate', () => {
    const { breakers } = breakersAt();
    recordAll(breakers, 'openai', [true, true, false]);
    expect(breakers.state('openai')).toBe('closed');
    breakers.record('openai', false);
    expect(breakers.state('openai')).toBe('open');
    expect(breakers.allow('openai')).toBe(false);
  });

  it('stays closed while the failure share is below the rate', () => {
    const { breakers } = breakersAt();
    recordAll(breakers, 'openai', [true, true, true, false, true, true, false]);
    expect(breakers.state('openai')).toBe('closed');
    expect(breakers.allow('openai')).toBe(true);
  });

  it('judges the most recent calls only: a window of 10, not the whole history', () => {
    const { breakers } = breakersAt();
    recordAll(breakers, 'openai', [false, ...Array<boolean>(12).fill(true)]);
    recordAll(breakers, 'openai', [false, false, false, false]);
    // 4 failures in the last 10 calls: 40 %, under the rate.
    expect(breakers.state('openai')).toBe('closed');
    // 5 in the last 10 opens it, although only 6 of all 18 calls failed.
    breakers.record('openai', false);
    expect(breakers.state('openai')).toBe('open');
  });

  it('refuses every call while open, until the cool-down has passed', () => {
    const { breakers, clock } = breakersAt();
    recordAll(breakers, 'openai', [false, false, false, false]);
    clock.time += 29_999;
    expect(breakers.allow('openai')).toBe(false);
    expect(breakers.allow('openai')).toBe(false);
    expect(breakers.state('openai')).toBe('open');
  });

  it('lets exactly one probe through after the cool-down (half-open)', () => {
    const { breakers, clock } = breakersAt();
    recordAll(breakers, 'openai', [false, false, false, false]);
    clock.time += 30_000;
    expect(breakers.state('openai')).toBe('half-open');
    expect(breakers.allow('openai')).toBe(true);
    expect(breakers.allow('openai')).toBe(false);
    expect(breakers.allow('openai')).toBe(false);
  });

  it('closes again when the probe succeeds, with a fresh window', () => {
    const { breakers, clock } = breakersAt();
    recordAll(breakers, 'openai', [false, false, false, false]);
    clock.time += 30_000;
    expect(breakers.allow('openai')).toBe(true);
    breakers.record('openai', true);
    expect(breakers.state('openai')).toBe('closed');
    expect(breakers.allow('openai')).toBe(true);
    expect(breakers.allow('openai')).toBe(true);
    // The failures before it are forgotten: three more do not reopen it.
    recordAll(breakers, 'openai', [false, false, false]);
    expect(breakers.state('openai')).toBe('closed');
  });

  it('re-opens for another full cool-down when the probe fails', () => {
    const { breakers, clock } = breakersAt();
    recordAll(breakers, 'openai', [false, false, false, false]);
    clock.time += 30_000;
    expect(breakers.allow('openai')).toBe(true);
    breakers.record('openai', false);
    expect(breakers.state('openai')).toBe('open');
    expect(breakers.allow('openai')).toBe(false);
    clock.time += 29_999;
    expect(breakers.allow('openai')).toBe(false);
    clock.time += 1;
    expect(breakers.state('openai')).toBe('half-open');
    expect(breakers.allow('openai')).toBe(true);
    expect(breakers.allow('openai')).toBe(false);
  });

  it('keeps providers independent', () => {
    const { breakers, clock } = breakersAt();
    recordAll(breakers, 'openai', [false, false, false, false]);
    recordAll(breakers, 'anthropic', [true, false, true]);
    expect(breakers.state('openai')).toBe('open');
    expect(breakers.state('anthropic')).toBe('closed');
    expect(breakers.allow('anthropic')).toBe(true);
    // anthropic's fourth call is a success: 1 failure in 4, still closed.
    breakers.record('anthropic', true);
    expect(breakers.state('anthropic')).toBe('closed');
    // A probe taken for openai does not block anthropic.
    clock.time += 30_000;
    expect(breakers.allow('openai')).toBe(true);
    expect(breakers.allow('anthropic')).toBe(true);
    expect(breakers.state('google')).toBe('closed');
  });

  it('uses defaults of 10 calls and a 50 % rate', () => {
    let time = 0;
    const breakers = createCircuitBreakers({ now: () => time });
    recordAll(breakers, 'openai', Array<boolean>(9).fill(false));
    expect(breakers.state('openai')).toBe('closed');
    breakers.record('openai', false);
    expect(breakers.state('openai')).toBe('open');
    time += 30_000;
    expect(breakers.state('openai')).toBe('half-open');
  });
});

describe('circuit breaker and late results', () => {
  it('ignores a success from a call that was in flight when the circuit opened', () => {
    let now = 0;
    const breakers = createCircuitBreakers({
      minimumCalls: 2,
      failureRate: 0.5,
      cooldownMs: 1_000,
      now: () => now,
    });
    breakers.record('p', false);
    breakers.record('p', false);
    expect(breakers.state('p')).toBe('open');
    breakers.record('p', true); // a slow call started before the circuit opened
    expect(breakers.state('p')).toBe('open');
    now = 1_000;
    expect(breakers.allow('p')).toBe(true);
    breakers.record('p', true);
    expect(breakers.state('p')).toBe('closed');
  });
});
