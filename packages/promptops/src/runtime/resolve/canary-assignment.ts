/**
 * Sticky canary assignment (DESIGN.md section 3): `hash(key) % 10000 < share in basis points`.
 * The prompt name salts the hash so the same users are not the canary of every prompt at once.
 * FNV-1a: fast, stable across processes and versions, and well spread for this purpose.
 */
export function inCanary(promptName: string, stickyKey: string, canaryBasisPoints: number): boolean {
  if (canaryBasisPoints <= 0) return false;
  if (canaryBasisPoints >= 10_000) return true;
  return bucketOf(`${promptName}\u0000${stickyKey}`) < canaryBasisPoints;
}

/** 0..9999 */
export function bucketOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 10_000;
}
