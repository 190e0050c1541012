import type { Database } from '../../store/index.ts';
import type { Policies } from '../policies/policies-schema.ts';

/** What every governance operation needs: the store, the policies in force and a clock. */
export interface GovernanceDeps {
  db: Database;
  policies: Policies;
  clock?: () => Date;
}
