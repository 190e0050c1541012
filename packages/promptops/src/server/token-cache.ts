import { createHash } from 'node:crypto';
import type { Principal } from '../governance/create-governance.ts';
import { CATALOG_CHANNEL, type DatabaseHandle } from '../store/index.ts';

export interface TokenCache {
  /** The caller a token names: from memory when checked in the last `ttlMs`, else from `check`. */
  principal(token: string, check: (token: string) => Promise<Principal>): Promise<Principal>;
  /** Forgets every checked token (this process has just changed users, tokens or roles). */
  clear(): void;
  close(): Promise<void>;
}

/**
 * Checked API tokens, kept for a few seconds so a busy application's requests do not each cost the
 * three queries of a token check (1.7 ms of CPU on PGlite). Any identity change committed by any
 * replica (a token revoked, a user disabled, a role granted or revoked) is notified on the catalog
 * channel and empties the cache at once; `ttlMs` (5 s) bounds what a lost notification or a token
 * expiring can leave. Keys are SHA-256 of the token, never the token; failed checks are not kept.
 */
export async function createTokenCache(
  handle: DatabaseHandle,
  options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): Promise<TokenCache> {
  const ttlMs = options.ttlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { principal: Principal; until: number }>();
  const unlisten = await handle.listen(CATALOG_CHANNEL, (payload) => {
    if (payload === '' || identityChange(payload)) entries.clear();
  });
  return {
    async principal(token, check) {
      const key = createHash('sha256').update(token).digest('base64url');
      const kept = entries.get(key);
      if (kept && kept.until > now()) return kept.principal;
      entries.delete(key);
      const principal = await check(token);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, { principal, until: now() + ttlMs });
      return principal;
    },
    clear: () => entries.clear(),
    close: unlisten,
  };
}

function identityChange(payload: string): boolean {
  try {
    const { kind } = JSON.parse(payload) as { kind?: string };
    return kind === 'user' || kind === 'token';
  } catch {
    return true;
  }
}
