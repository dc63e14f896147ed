import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';
import { openDatabase, type Database } from '../../src/postgres/index.js';
import { pgliteDatabase, STORE_MIGRATIONS } from './pglite.js';
import { TEST_DATABASE_URL } from './postgres-url.js';

export { TEST_DATABASE_URL };

/** Whether the server answered when the run started (test/support/pg-global-setup.ts). */
export function hasServer(): boolean {
  return inject('pgServer');
}

/** `describe` for suites that need the server itself (several processes on one database): skipped without it. */
export function describeOnServer(name: string, body: () => void): void {
  describe.skipIf(!hasServer())(name, body);
}

/**
 * A database for contract suites: a schema of its own on the server when it is there, else PGlite in-process
 * (the same SQL, one connection), so the contracts run on a machine without PostgreSQL too.
 */
export async function contractDatabase(): Promise<{ database: Database; engine: 'server' | 'pglite'; drop(): Promise<void> }> {
  if (hasServer()) {
    const { database, drop } = await testDatabase();
    return { database, engine: 'server', drop };
  }
  const database = await pgliteDatabase();
  return { database, engine: 'pglite', drop: () => database.close() };
}

/** A freshly migrated schema of its own; `drop()` removes it. Unreachable server → the DatabaseError saying how to start it. */
export async function testDatabase(): Promise<{ database: Database; schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(5).toString('hex')}`;
  const database = await openDatabase({ url: TEST_DATABASE_URL, schema, migrations: STORE_MIGRATIONS });
  return {
    database,
    schema,
    async drop() {
      await database.close();
      await dropSchema(schema);
    },
  };
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
}
