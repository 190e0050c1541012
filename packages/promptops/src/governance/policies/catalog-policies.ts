import { canonicalJson, sha256Hex } from '../../catalog/content/canonical-json.ts';
import { PromptopsError } from '../../errors/index.ts';
import { type Executor, readMeta, writeMeta } from '../../store/index.ts';
import type { MutationContext } from '../audit/index.ts';
import { Policies } from './policies-schema.ts';

/**
 * The policies in force live in the catalog, not in whichever folder a command runs from: `push`
 * stores the project's policies.yaml (an admin's change, audited), and governance reads them from
 * here, so nobody can loosen approvals by running from a folder with a laxer file.
 */
export const POLICIES_META_KEY = 'policies';
const KEY = POLICIES_META_KEY;

export async function readCatalogPolicies(executor: Executor): Promise<Policies | undefined> {
  const stored = await readMeta(executor, KEY);
  return stored === undefined ? undefined : parseStoredPolicies(stored);
}

/** Policies as `storeCatalogPolicies` wrote them (canonical JSON). */
export function parseStoredPolicies(stored: string): Policies {
  const parsed = Policies.safeParse(JSON.parse(stored));
  if (parsed.success) return parsed.data;
  // Written by another version of promptops (a newer one added a setting this one does not know).
  const first = parsed.error.issues[0];
  throw new PromptopsError(
    'config_invalid',
    `the policies in force were stored by another version of promptops (${first?.path.join('.') || 'policies'}: ${first?.message}); run the same version everywhere, or push policies.yaml again with this one`,
    {},
  );
}

/** Whether `policies` differ from those stored (true when none are stored yet). */
export async function policiesChanged(executor: Executor, policies: Policies): Promise<boolean> {
  return (await readMeta(executor, KEY)) !== canonicalJson(policies);
}

/** Stores the policies and audits the change with the new content hash; nothing when unchanged. */
export async function storeCatalogPolicies(context: MutationContext, policies: Policies): Promise<boolean> {
  const text = canonicalJson(policies);
  const previous = await readMeta(context.tx, KEY);
  if (previous === text) return false;
  await writeMeta(context.tx, KEY, text);
  context.audit({
    action: 'policies-update',
    targetKind: 'policies',
    target: 'policies.yaml',
    details: {
      content_hash: sha256Hex(text),
      previous_hash: previous === undefined ? null : sha256Hex(previous),
    },
  });
  return true;
}
