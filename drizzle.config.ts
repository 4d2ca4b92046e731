import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file: it diffs src/db/schema.ts against ./migrations and needs no database.
// Migrations are applied by src/db/migrate.ts (at start-up and by `npm run db:migrate`), never by drizzle-kit.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
