import { auditEntriesAfter, type Executor } from '../../store/index.ts';
import { GENESIS_HASH } from './audit-actions.ts';
import { auditHash } from './audit-hash.ts';

export type AuditProblemKind = 'missing' | 'altered' | 'relinked';

export interface AuditProblem {
  position: number;
  kind: AuditProblemKind;
  message: string;
}

export type AuditVerification =
  | { ok: true; entries: number; head: { position: number; hash: string } | null }
  | { ok: false; entries: number; problem: AuditProblem };

const PAGE_SIZE = 1000;

/**
 * Walks the chain in order and reports the first entry that was deleted (a gap in positions),
 * altered (its hash no longer matches its fields) or relinked (its previous hash is not the hash of
 * the entry before it: that one was altered and re-hashed, or replaced). A verification result is an
 * outcome, not an exception.
 *
 * Deleting the newest entries leaves a shorter chain that still verifies; compare the printed head
 * with one recorded elsewhere (`expectedHead`) to catch that.
 */
export async function verifyAuditChain(
  executor: Executor,
  options: { expectedHead?: string } = {},
): Promise<AuditVerification> {
  let previousHash = GENESIS_HASH;
  let expectedPosition = 1;
  let checked = 0;
  for (;;) {
    const page = await auditEntriesAfter(executor, expectedPosition - 1, PAGE_SIZE);
    for (const row of page) {
      if (row.position !== expectedPosition) {
        const range =
          row.position - 1 === expectedPosition
            ? `${expectedPosition}`
            : `${expectedPosition}–${row.position - 1}`;
        return fail(checked, expectedPosition, 'missing', `audit entry ${range} is missing (deleted)`);
      }
      if (row.previousHash !== previousHash) {
        return fail(
          checked,
          row.position,
          'relinked',
          `audit entry ${row.position} does not link to entry ${row.position - 1} (its previous hash differs): one of the two was altered or replaced`,
        );
      }
      if (auditHash(row.previousHash, row) !== row.hash) {
        return fail(
          checked,
          row.position,
          'altered',
          `audit entry ${row.position} (${row.action} ${row.target}) was altered: its hash does not match its contents`,
        );
      }
      previousHash = row.hash;
      expectedPosition += 1;
      checked += 1;
    }
    if (page.length < PAGE_SIZE) break;
  }
  const head = checked === 0 ? null : { position: expectedPosition - 1, hash: previousHash };
  if (options.expectedHead && head?.hash !== options.expectedHead) {
    return fail(
      checked,
      expectedPosition - 1,
      'missing',
      `the chain's head ${head?.hash ?? '(empty)'} is not the expected ${options.expectedHead}: newest entries were removed`,
    );
  }
  return { ok: true, entries: checked, head };
}

function fail(entries: number, position: number, kind: AuditProblemKind, message: string): AuditVerification {
  return { ok: false, entries, problem: { position, kind, message } };
}
