import type { AlertFigures } from './alert-metrics.ts';
import { LATENCY_BUCKETS, latencyBucket, latencyQuantile } from './latency-histogram.ts';

/** What one finished run adds to its series' window. */
export interface RunObservation {
  failed: boolean;
  latencyMs: number;
  /** USD; null when the run's price is unknown. */
  costUsd: number | null;
  guardTriggered: boolean;
  validationFailed: boolean;
  escalated: boolean;
}

export interface WindowShape {
  /** The rolling window rates and latencies are computed over. */
  windowMs: number;
  /** Its time buckets: the window slides by this much. */
  bucketMs: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const BASELINE_HOURS = 24;

/**
 * The runs of one prompt/environment/version/arm in time buckets: a ring of `windowMs / bucketMs`
 * buckets of counters and a latency histogram, a ring of 60 one-minute cost buckets (hourly cost)
 * and one of 25 one-hour cost buckets (the 24-hour baseline). Memory is fixed per series; recording
 * a run touches one bucket of each ring (a stale bucket is cleared as it is reused), so it costs the
 * same however busy the series is.
 */
export class SeriesWindow {
  private readonly bucketMs: number;
  private readonly size: number;
  private readonly epochs: Float64Array;
  private readonly runs: Uint32Array;
  private readonly failed: Uint32Array;
  private readonly guarded: Uint32Array;
  private readonly invalid: Uint32Array;
  private readonly escalated: Uint32Array;
  private readonly slowest: Float64Array;
  private readonly latency: Uint32Array;
  private readonly minuteEpochs = new Float64Array(60).fill(-1);
  private readonly minuteCost = new Float64Array(60);
  private readonly hourEpochs = new Float64Array(BASELINE_HOURS + 1).fill(-1);
  private readonly hourCost = new Float64Array(BASELINE_HOURS + 1);
  /** The hour this series was first seen: hours before it are not zero spend, they are unknown. */
  private readonly firstHour: number;
  lastSeen: number;

  constructor(shape: WindowShape, now: number) {
    this.bucketMs = shape.bucketMs;
    this.size = Math.max(1, Math.ceil(shape.windowMs / shape.bucketMs));
    this.epochs = new Float64Array(this.size).fill(-1);
    this.runs = new Uint32Array(this.size);
    this.failed = new Uint32Array(this.size);
    this.guarded = new Uint32Array(this.size);
    this.invalid = new Uint32Array(this.size);
    this.escalated = new Uint32Array(this.size);
    this.slowest = new Float64Array(this.size);
    this.latency = new Uint32Array(this.size * LATENCY_BUCKETS);
    this.firstHour = Math.floor(now / HOUR);
    this.lastSeen = now;
  }

  observe(now: number, run: RunObservation): void {
    this.lastSeen = now;
    const epoch = Math.floor(now / this.bucketMs);
    const slot = epoch % this.size;
    if (this.epochs[slot] !== epoch) this.clear(slot, epoch);
    this.runs[slot]! += 1;
    if (run.failed) this.failed[slot]! += 1;
    if (run.guardTriggered) this.guarded[slot]! += 1;
    if (run.validationFailed) this.invalid[slot]! += 1;
    if (run.escalated) this.escalated[slot]! += 1;
    if (run.latencyMs > this.slowest[slot]!) this.slowest[slot] = run.latencyMs;
    this.latency[slot * LATENCY_BUCKETS + latencyBucket(run.latencyMs)]! += 1;
    if (run.costUsd !== null && run.costUsd > 0) {
      const minute = Math.floor(now / MINUTE);
      const minuteSlot = minute % 60;
      if (this.minuteEpochs[minuteSlot] !== minute) {
        this.minuteEpochs[minuteSlot] = minute;
        this.minuteCost[minuteSlot] = 0;
      }
      this.minuteCost[minuteSlot]! += run.costUsd;
      const hour = Math.floor(now / HOUR);
      const hourSlot = hour % this.hourEpochs.length;
      if (this.hourEpochs[hourSlot] !== hour) {
        this.hourEpochs[hourSlot] = hour;
        this.hourCost[hourSlot] = 0;
      }
      this.hourCost[hourSlot]! += run.costUsd;
    }
  }

  private clear(slot: number, epoch: number): void {
    this.epochs[slot] = epoch;
    this.runs[slot] = 0;
    this.failed[slot] = 0;
    this.guarded[slot] = 0;
    this.invalid[slot] = 0;
    this.escalated[slot] = 0;
    this.slowest[slot] = 0;
    this.latency.fill(0, slot * LATENCY_BUCKETS, (slot + 1) * LATENCY_BUCKETS);
  }

  /**
   * The figures at `now`: rates and latency quantiles once the window holds `minRequests` runs
   * (absent before, so a rule over them cannot fire on too few runs); hourly cost always; the
   * baseline once a full hour of the series is behind it.
   */
  figures(now: number, minRequests: number): { runs: number; figures: AlertFigures } {
    const current = Math.floor(now / this.bucketMs);
    let runs = 0;
    let failed = 0;
    let guarded = 0;
    let invalid = 0;
    let escalated = 0;
    let slowest = 0;
    const latency = new Uint32Array(LATENCY_BUCKETS);
    for (let slot = 0; slot < this.size; slot += 1) {
      const epoch = this.epochs[slot]!;
      if (epoch < 0 || epoch > current || epoch <= current - this.size) continue;
      runs += this.runs[slot]!;
      failed += this.failed[slot]!;
      guarded += this.guarded[slot]!;
      invalid += this.invalid[slot]!;
      escalated += this.escalated[slot]!;
      slowest = Math.max(slowest, this.slowest[slot]!);
      for (let bucket = 0; bucket < LATENCY_BUCKETS; bucket += 1) {
        latency[bucket]! += this.latency[slot * LATENCY_BUCKETS + bucket]!;
      }
    }
    const figures: AlertFigures = { hourly_cost: this.hourlyCost(now) };
    const baseline = this.baseline(now);
    if (baseline !== undefined) figures.baseline_hourly_cost = baseline;
    if (runs > 0 && runs >= minRequests) {
      figures.error_rate = failed / runs;
      figures.guard_trigger_rate = guarded / runs;
      figures.validation_failure_rate = invalid / runs;
      figures.escalation_rate = escalated / runs;
      figures.p50_latency_ms = latencyQuantile(latency, runs, 0.5, slowest);
      figures.p99_latency_ms = latencyQuantile(latency, runs, 0.99, slowest);
    }
    return { runs, figures };
  }

  private hourlyCost(now: number): number {
    const minute = Math.floor(now / MINUTE);
    let total = 0;
    for (let slot = 0; slot < 60; slot += 1) {
      const epoch = this.minuteEpochs[slot]!;
      if (epoch > minute - 60 && epoch <= minute) total += this.minuteCost[slot]!;
    }
    return total;
  }

  /** Mean spend per complete hour in the 24 before the current one, counting only hours the series existed. */
  private baseline(now: number): number | undefined {
    const hour = Math.floor(now / HOUR);
    const from = Math.max(hour - BASELINE_HOURS, this.firstHour + 1);
    if (from >= hour) return undefined;
    let total = 0;
    for (let slot = 0; slot < this.hourEpochs.length; slot += 1) {
      const epoch = this.hourEpochs[slot]!;
      if (epoch >= from && epoch < hour) total += this.hourCost[slot]!;
    }
    return total / (hour - from);
  }
}
