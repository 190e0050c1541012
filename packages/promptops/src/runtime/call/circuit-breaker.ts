export interface CircuitBreakerOptions {
  /** Calls remembered per provider. */
  window?: number;
  /** Fewest calls in the window before the failure rate can open the circuit. */
  minimumCalls?: number;
  /** Failure share (0..1) that opens it. */
  failureRate?: number;
  /** How long it stays open before one probe call is let through (half-open). */
  cooldownMs?: number;
  now?: () => number;
}

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * A circuit breaker per provider: it opens when the recent failure rate passes a threshold, so a
 * provider that is down is skipped (the fallback chain takes over) instead of timing out every call;
 * after a cool-down it lets one probe through and closes again when the probe succeeds.
 */
export function createCircuitBreakers(options: CircuitBreakerOptions = {}) {
  const window = options.window ?? 20;
  const minimumCalls = options.minimumCalls ?? 10;
  const failureRate = options.failureRate ?? 0.5;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const now = options.now ?? Date.now;
  const circuits = new Map<string, { results: boolean[]; openedAt: number | null; probing: boolean }>();

  const circuit = (provider: string) => {
    let entry = circuits.get(provider);
    if (!entry) {
      entry = { results: [], openedAt: null, probing: false };
      circuits.set(provider, entry);
    }
    return entry;
  };

  return {
    state(provider: string): CircuitState {
      const entry = circuit(provider);
      if (entry.openedAt === null) return 'closed';
      return now() - entry.openedAt >= cooldownMs ? 'half-open' : 'open';
    },
    /** Whether a call may go to this provider now; in half-open, only one probe at a time. */
    allow(provider: string): boolean {
      const entry = circuit(provider);
      const state = this.state(provider);
      if (state === 'closed') return true;
      if (state === 'open' || entry.probing) return false;
      entry.probing = true;
      return true;
    },
    /** A call that ended without a verdict (the caller cancelled): frees a half-open probe slot. */
    release(provider: string): void {
      circuit(provider).probing = false;
    },
    record(provider: string, success: boolean): void {
      const entry = circuit(provider);
      if (entry.openedAt !== null) {
        // Only the probe decides while the circuit is open: a call that was already in flight when
        // it opened must not close it early (or keep it shut) by finishing late.
        if (!entry.probing) return;
        entry.probing = false;
        if (success) {
          entry.openedAt = null;
          entry.results = [];
        } else {
          entry.openedAt = now();
        }
        return;
      }
      entry.results.push(success);
      if (entry.results.length > window) entry.results.shift();
      const failures = entry.results.filter((result) => !result).length;
      if (entry.results.length >= minimumCalls && failures / entry.results.length >= failureRate) {
        entry.openedAt = now();
      }
    },
  };
}

export type CircuitBreakers = ReturnType<typeof createCircuitBreakers>;
