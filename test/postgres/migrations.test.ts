// Every layer's migrations together (STORE_MIGRATIONS) on the machine's real PostgreSQL server (PGlite when
// there is none), and the error that names the fix when the server cannot be reached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, DatabaseError, type Database } from '../../src/postgres/index.js';
import { STORE_MIGRATIONS } from '../support/pglite.js';
import { contractDatabase } from '../support/postgres.js';

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await contractDatabase());
});

afterAll(async () => {
  await drop?.();
});

describe('migrations and errors', () => {
  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrate(database, STORE_MIGRATIONS)).toEqual([]);
    const versions = await database.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.rows.map((row) => row.version)).toEqual([1, 2, 3, 201, 301, 1621]);
  });

  it('says how to start the server when PostgreSQL cannot be reached', async () => {
    const failure = await openDatabase({
      url: 'postgres://postgres@127.0.0.1:1/test',
      schema: 't_unreachable',
      migrations: STORE_MIGRATIONS,
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).message).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/test .*pg_ctlcluster.*STORE=embedded/s);
  });
});
