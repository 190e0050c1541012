import type { Lease } from './lease.ts';

/** What a checked call holds until its cost is recorded, or until it expires. */
export interface Hold {
  leases: readonly Lease[];
  amountUsd: number;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * The calls checked and not yet recorded, by prompt. `BudgetGate.record` names only the prompt, so a
 * cost settles the oldest hold of its prompt; totals stay exact, and a call that ends without a
 * recorded cost (a failure the provider did not bill) frees its hold when it expires.
 */
export function createInFlightHolds() {
  const byPrompt = new Map<string, Hold[]>();

  function release(hold: Hold): void {
    for (const lease of hold.leases) {
      lease.heldUsd -= hold.amountUsd;
      lease.calls -= 1;
    }
  }

  return {
    add(prompt: string, hold: Hold): void {
      for (const lease of hold.leases) {
        lease.heldUsd += hold.amountUsd;
        lease.calls += 1;
      }
      const queue = byPrompt.get(prompt);
      if (queue) queue.push(hold);
      else byPrompt.set(prompt, [hold]);
    },
    /** Releases a hold whose call is not going ahead (refused by another budget). */
    cancel(prompt: string, hold: Hold): void {
      const queue = byPrompt.get(prompt);
      const index = queue?.indexOf(hold) ?? -1;
      if (index === -1) return;
      queue!.splice(index, 1);
      if (queue!.length === 0) byPrompt.delete(prompt);
      release(hold);
    },
    /** Releases and returns the oldest live hold of the prompt; expired ones met on the way are released. */
    take(prompt: string, now: number): Hold | undefined {
      const queue = byPrompt.get(prompt);
      let hold = queue?.shift();
      while (hold && hold.expiresAt <= now) {
        release(hold);
        hold = queue?.shift();
      }
      if (queue?.length === 0) byPrompt.delete(prompt);
      if (hold) release(hold);
      return hold;
    },
    /** Releases every expired hold. */
    sweep(now: number): void {
      for (const [prompt, queue] of byPrompt) {
        const live: Hold[] = [];
        for (const hold of queue) {
          if (hold.expiresAt > now) live.push(hold);
          else release(hold);
        }
        if (live.length === 0) byPrompt.delete(prompt);
        else byPrompt.set(prompt, live);
      }
    },
  };
}

export type InFlightHolds = ReturnType<typeof createInFlightHolds>;
