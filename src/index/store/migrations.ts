import type { Migration } from '../../postgres/index.js';

/**
 * The knowledge index in PostgreSQL, for several instances and for more chunks than one process
 * should hold. Applied only where the index lives in PostgreSQL (it needs pgvector), numbered apart
 * from the coordination migrations.
 */
export const indexMigrations: Migration[] = [
  {
    version: 101,
    name: 'knowledge index generations',
    sql: `
      CREATE TABLE kb_generations (
        id bigserial PRIMARY KEY,
        state text NOT NULL CHECK (state IN ('building', 'ready', 'failed')),
        manifest jsonb,
        dimensions integer NOT NULL,
        chunk_count integer NOT NULL DEFAULT 0,
        total_length bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE kb_current (
        only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
        generation bigint NOT NULL REFERENCES kb_generations (id)
      );
      CREATE TABLE kb_chunks (
        generation bigint NOT NULL REFERENCES kb_generations (id) ON DELETE CASCADE,
        idx integer NOT NULL,
        chunk jsonb NOT NULL,
        embedding vector NOT NULL,
        length integer NOT NULL,
        PRIMARY KEY (generation, idx)
      );
      CREATE TABLE kb_postings (
        generation bigint NOT NULL REFERENCES kb_generations (id) ON DELETE CASCADE,
        term text NOT NULL,
        idx integer NOT NULL,
        weight double precision NOT NULL
      );
      CREATE UNIQUE INDEX kb_postings_impact ON kb_postings (generation, term, weight DESC, idx);
      CREATE TABLE kb_terms (
        generation bigint NOT NULL REFERENCES kb_generations (id) ON DELETE CASCADE,
        term text NOT NULL,
        df integer NOT NULL,
        PRIMARY KEY (generation, term)
      );
    `,
  },
  {
    version: 102,
    name: 'chunk term weights for exact top-k lexical search',
    sql: `
      ALTER TABLE kb_chunks ADD COLUMN terms text[], ADD COLUMN term_weights double precision[];
    `,
  },
  {
    version: 103,
    name: 'postings indexed per generation',
    sql: `
      DO $$
      DECLARE generation_id bigint;
      BEGIN
        FOR generation_id IN SELECT id FROM kb_generations LOOP
          EXECUTE format('CREATE INDEX IF NOT EXISTS kb_postings_impact_%s ON kb_postings (term, weight DESC, idx) WHERE generation = %s', generation_id, generation_id);
        END LOOP;
      END $$;
      DROP INDEX IF EXISTS kb_postings_impact;
    `,
  },
];
