import { canonicalJson, sha256Hex } from '../../catalog/content/canonical-json.ts';

/** The fields an audit hash covers: everything in the row but the hashes themselves. */
export interface HashedAuditFields {
  position: number;
  at: Date;
  actor: string;
  action: string;
  targetKind: string;
  target: string;
  reason: string | null;
  details: unknown;
}

/** `hash = sha256(prev_hash + canonical_json(entry))` (DESIGN.md section 3). */
export function auditHash(previousHash: string, entry: HashedAuditFields): string {
  return sha256Hex(
    previousHash +
      canonicalJson({
        position: entry.position,
        at: entry.at.toISOString(),
        actor: entry.actor,
        action: entry.action,
        target_kind: entry.targetKind,
        target: entry.target,
        reason: entry.reason,
        details: entry.details,
      }),
  );
}
