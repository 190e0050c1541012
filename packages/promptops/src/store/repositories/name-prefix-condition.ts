import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Rows whose name `column` is under one of these folders (`support/`) or is one of these names, for
 * lists that show a caller only what their role grants cover. '' covers everything (undefined: no
 * condition); an empty list matches nothing (returned as `false`, so callers can skip the query).
 */
export function namePrefixCondition(column: PgColumn, prefixes: readonly string[]): SQL | undefined | false {
  if (prefixes.includes('')) return undefined;
  if (prefixes.length === 0) return false;
  return or(
    ...prefixes.map((prefix) =>
      prefix.endsWith('/') ? sql`starts_with(${column}, ${prefix})` : eq(column, prefix),
    ),
  );
}
