import type { Migration } from '../../postgres/index.js';

/** The match layer's table in PostgreSQL: profiles saved through the /match form. */
export const matchMigrations: Migration[] = [
  {
    // profiles remembered per person after they submit the /match form
    version: 1621,
    name: 'match profiles',
    sql: `
      CREATE TABLE match_profiles (
        open_id text PRIMARY KEY,
        saved jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
