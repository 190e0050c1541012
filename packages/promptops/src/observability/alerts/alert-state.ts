/**
 * An alert's life per rule and series: `ok` → `pending` (the condition holds, `for:` has not yet
 * passed) → `firing` → `resolved` (it held, then stopped) → `pending` again if it comes back.
 * A pending alert whose condition stops holding returns to `ok` without ever having fired.
 */
export const ALERT_STATES = ['ok', 'pending', 'firing', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** Where one rule stands for one series. */
export interface RuleState {
  state: AlertState;
  /** When the condition started holding (pending and firing). */
  pendingSince: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  /** The condition's two sides at the last evaluation; absent while the figures are missing. */
  value?: number;
  threshold?: number;
  /** Runs in the window at the last evaluation. */
  runs: number;
}

export function initialRuleState(): RuleState {
  return { state: 'ok', pendingSince: null, firedAt: null, resolvedAt: null, runs: 0 };
}

/**
 * The next state, given whether the condition holds now; `forMs` is how long it must hold before
 * the alert fires. Returns the state it left when it moved (the caller reports the move), else undefined.
 */
export function stepRuleState(
  rule: RuleState,
  holds: boolean,
  now: number,
  forMs: number,
): AlertState | undefined {
  const before = rule.state;
  if (holds) {
    if (rule.state === 'ok' || rule.state === 'resolved') {
      rule.state = 'pending';
      rule.pendingSince = now;
    }
    if (rule.state === 'pending' && now - (rule.pendingSince ?? now) >= forMs) {
      rule.state = 'firing';
      rule.firedAt = now;
      rule.resolvedAt = null;
    }
  } else if (rule.state === 'pending') {
    rule.state = 'ok';
    rule.pendingSince = null;
  } else if (rule.state === 'firing') {
    rule.state = 'resolved';
    rule.resolvedAt = now;
    rule.pendingSince = null;
  }
  return rule.state === before ? undefined : before;
}

/** `30s`, `5m`, `1h` (policies.yaml `for:`) in milliseconds. */
export function durationMs(text: string): number {
  const match = /^(\d+)(s|m|h)$/.exec(text);
  if (!match) throw new Error(`not a duration: ${text}`);
  const unit = { s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 's' | 'm' | 'h'];
  return Number(match[1]) * unit;
}
