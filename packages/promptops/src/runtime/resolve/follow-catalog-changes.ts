import { CATALOG_CHANNEL, type DatabaseHandle } from '../../store/index.ts';
import type { CachedCatalog } from './cached-catalog.ts';

/**
 * Keeps a replica's cache current: every committed catalog change (a version, a deployment move, a
 * rollback) is notified on CATALOG_CHANNEL by the mutation funnel, and the cache drops that artifact
 * at once, on every replica listening. Returns the unsubscribe function.
 */
export function followCatalogChanges(
  handle: DatabaseHandle,
  cache: CachedCatalog,
): Promise<() => Promise<void>> {
  return handle.listen(CATALOG_CHANNEL, (payload) => {
    // Empty: the listening connection was lost and re-established, and changes may have been missed.
    if (payload === '') return cache.invalidateAll();
    try {
      const change = JSON.parse(payload) as { kind: string; name: string };
      cache.invalidate(change.kind, change.name);
    } catch {
      cache.invalidateAll();
    }
  });
}
