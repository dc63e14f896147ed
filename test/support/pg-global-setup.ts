// Vitest global setup: is the PostgreSQL server there? Contract suites fall back to PGlite without it,
// server-only suites are skipped, and one line says how to run them. With POLICY_BOT_REQUIRE_PG=1 (CI)
// a missing server fails the run instead of skipping anything.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { TEST_DATABASE_URL } from './postgres-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Whether the PostgreSQL server at TEST_DATABASE_URL answered at the start of the run. */
    pgServer: boolean;
  }
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const found = await reachable(TEST_DATABASE_URL);
  if (!found && process.env.POLICY_BOT_REQUIRE_PG === '1') {
    throw new Error(
      `POLICY_BOT_REQUIRE_PG=1 but no PostgreSQL server answers at ${TEST_DATABASE_URL} (start it: pg_ctlcluster 15 main start)`,
    );
  }
  if (!found) {
    process.stderr.write(
      `\n[tests] No PostgreSQL server at ${TEST_DATABASE_URL}: the store contracts run on PGlite; the server-only suites ` +
        '(several instances, pgvector on the server) are skipped. To run them, start one (pg_ctlcluster 15 main start) or set ' +
        'TEST_DATABASE_URL; POLICY_BOT_REQUIRE_PG=1 makes a missing server a failure (CI).\n\n',
    );
  }
  project.provide('pgServer', found);
}
