import { readCatalogPolicies } from '../../governance/policies/catalog-policies.ts';
import { fragmentOverrideRules } from '../../governance/policies/index.ts';
import type { FragmentOverrides } from '../../templates/index.ts';
import type { Catalog } from './catalog.ts';

/**
 * The fragment override rules in force for a prompt: those of the policies stored by the last
 * push (never a local file, so nobody widens them by rendering from another folder); none before
 * the first push.
 */
export async function catalogOverrides(catalog: Catalog, prompt: string): Promise<FragmentOverrides> {
  const policies = await readCatalogPolicies(catalog.db);
  return { prompt, rules: fragmentOverrideRules(policies?.overrides ?? []) };
}
