import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { STORE_MIGRATIONS } from '../../src/app/storage.js';
import { migrate, type Database, type Queryable } from '../../src/postgres/index.js';

export { STORE_MIGRATIONS };

/**
 * PostgreSQL in-process (PGlite 0.4.6, pinned: the last release with pgvector built in) behind the
 * same Database interface as the server: the machine's PostgreSQL has no pgvector.
 */
export async function pgliteDatabase(): Promise<Database> {
  const db = await PGlite.create({ extensions: { vector } });
  const queryable = (target: PGlite | Transaction): Queryable => ({
    async query<Row extends Record<string, unknown>>(text: string, values?: unknown[]) {
      // migrations are several statements: the simple protocol (exec) takes them, with no parameters
      if ((!values || values.length === 0) && text.includes(';')) {
        const results = await target.exec(text);
        const last = results.at(-1);
        return { rows: (last?.rows ?? []) as Row[], rowCount: last?.affectedRows ?? null };
      }
      const result = await target.query<Row>(text, values);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  });
  const database: Database = {
    schema: 'public',
    ...queryable(db),
    transaction: (work) => db.transaction((tx) => work(queryable(tx))),
    close: () => db.close(),
  };
  await migrate(database, STORE_MIGRATIONS);
  return database;
}
