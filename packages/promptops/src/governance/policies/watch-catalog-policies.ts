import { sha256Hex } from '../../catalog/content/canonical-json.ts';
import { type Executor, readMeta } from '../../store/index.ts';
import { POLICIES_META_KEY, parseStoredPolicies } from './catalog-policies.ts';
import type { Policies } from './policies-schema.ts';

export interface PoliciesWatch {
  /** Reads the stored policies now; calls `onChange` when they differ from the last seen. */
  check(): Promise<void>;
  /** Stops polling, after a check in flight has finished. */
  stop(): Promise<void>;
}

/**
 * Follows the policies in force while a process runs: every `intervalMs` (5 s by default) it reads
 * the catalog's stored policies (one primary-key lookup) and calls `onChange` with the new ones and
 * their content hash when a push has changed them. Errors (a database blip, policies written by
 * another promptops version) go to `onError` and the old policies stay in force.
 */
export async function watchCatalogPolicies(options: {
  db: Executor;
  onChange: (policies: Policies, hash: string) => void;
  onError: (error: unknown) => void;
  intervalMs?: number;
}): Promise<PoliciesWatch> {
  let seen = await readMeta(options.db, POLICIES_META_KEY);
  let running: Promise<void> | undefined;
  const check = async (): Promise<void> => {
    const stored = await readMeta(options.db, POLICIES_META_KEY);
    if (stored === undefined || stored === seen) return;
    const policies = parseStoredPolicies(stored);
    seen = stored;
    options.onChange(policies, sha256Hex(stored));
  };
  const timer = setInterval(() => {
    if (running) return;
    running = check()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs ?? 5_000);
  timer.unref();
  return {
    check,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
