import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --config packages/promptops/drizzle.config.ts` writes a new SQL migration
// after a schema change; migrations are applied at start on PGlite and Postgres alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/promptops/src/store/schema/index.ts',
  out: './packages/promptops/drizzle',
});
