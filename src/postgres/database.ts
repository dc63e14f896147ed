import pg from 'pg';
import type { Logger } from '../log/index.js';
import { DatabaseError } from './errors.js';

/** What a query returns, as node-postgres and PGlite both give it. */
interface QueryResult<Row> {
  rows: Row[];
  rowCount: number | null;
}

/** Something SQL can be sent to: the pool, or one transaction's connection. */
export interface Queryable {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<QueryResult<Row>>;
}

/**
 * A migrated database on one schema: node-postgres on a server (`openDatabase`), or PGlite in-process
 * for the pgvector tests (`test/support/pglite.ts`).
 */
export interface Database extends Queryable {
  readonly schema: string;
  /** Runs `work` in one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface DatabaseOptions {
  url: string;
  /** Tables live in this schema (created when missing), so tests and deployments can share a database. */
  schema?: string;
  logger?: Logger;
  maxConnections?: number;
  /** The migrations of every layer this database serves, applied at open (see `migrate`). */
  migrations: Migration[];
  /** Session settings of every connection (e.g. `hnsw.ef_search` for the index). */
  settings?: Record<string, string | number>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
// any constant shared by all instances: migrations of concurrent starts run one after the other
const MIGRATION_LOCK = 7_316_202_611;

/** Where the URL points, without its password, for messages. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured DATABASE_URL';
  }
}

function unreachable(url: string, error: unknown): DatabaseError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DatabaseError(
    'unreachable',
    `Cannot reach PostgreSQL at ${describe(url)} (${reason}). Start the server (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start), ` +
      'or point DATABASE_URL at a running one, or use STORE=embedded for a single instance.',
    { cause: error },
  );
}

/**
 * One schema change: applied once, in version order, recorded in `schema_migrations`. Each layer owns
 * its list (`larkMigrations`, `remindersMigrations`, `indexMigrations`); versions are global, so the
 * lists are applied together as one set.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applies the migrations not yet recorded, in one transaction under a transaction-scoped advisory lock. */
export async function migrate(database: Database, migrations: Migration[]): Promise<number[]> {
  return database.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      try {
        await client.query(migration.sql);
      } catch (error) {
        throw new DatabaseError(
          'migration-failed',
          `Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
          { cause: error },
        );
      }
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/** Connects (a clear DatabaseError when the server cannot be reached), creates the schema and migrates it. */
/** The pool or one of its connections as a Queryable (rows and count only, as PGlite gives them too). */
function queryableOf(target: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async <Row extends Record<string, unknown>>(text: string, values?: unknown[]) => {
      const result = await target.query<Row>(text, values);
      return { rows: result.rows, rowCount: result.rowCount };
    },
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const schema = options.schema ?? 'policybot';
  if (!SCHEMA_NAME.test(schema)) throw new DatabaseError('migration-failed', `DATABASE_SCHEMA "${schema}" must be a plain lower-case name`);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 5,
    connectionTimeoutMillis: 5_000,
    // every connection works in the bot's schema; public stays readable for extensions (pgvector's type)
    // JIT compiles a plan for ~100 ms before running it: a loss on every query this bot makes (measured)
    options: [
      `-c search_path=${schema},public`,
      '-c jit=off',
      ...Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' '),
  });
  pool.on('error', (error) => options.logger?.error('postgres.idle_client_error', { error }));
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    await pool.end();
    throw unreachable(options.url, error);
  }
  const database: Database = {
    schema,
    query: queryableOf(pool).query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(queryableOf(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  try {
    const applied = await migrate(database, options.migrations);
    if (applied.length > 0) options.logger?.info('postgres.migrated', { schema, versions: applied });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return database;
}
