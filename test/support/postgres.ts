import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/postgres/index.js';

/** The machine's PostgreSQL server (trust auth, database `test`); TEST_DATABASE_URL overrides it. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A freshly migrated schema of its own; `drop()` removes it. Unreachable server → the DatabaseError saying how to start it. */
export async function testDatabase(): Promise<{ database: Database; schema: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(5).toString('hex')}`;
  const database = await openDatabase({ url: TEST_DATABASE_URL, schema });
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
