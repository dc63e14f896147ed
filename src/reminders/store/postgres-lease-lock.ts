import type { Database } from '../../postgres/index.js';
import type { LeaseLock } from './lease-lock.js';

/** Leases in PostgreSQL: one row per name, tokens from a sequence, expiry by the database clock. */
export function createPostgresLeaseLock(database: Database): LeaseLock {
  return {
    async acquire(name, holder, ttlMs) {
      const result = await database.query<{ token: string }>(
        `INSERT INTO leases (name, holder, token, expires_at)
         VALUES ($1, $2, nextval('lease_tokens'), now() + $3 * interval '1 millisecond')
         ON CONFLICT (name) DO UPDATE
           SET holder = EXCLUDED.holder,
               token = CASE WHEN leases.holder = EXCLUDED.holder AND leases.expires_at > now() THEN leases.token ELSE EXCLUDED.token END,
               expires_at = EXCLUDED.expires_at
           WHERE leases.expires_at <= now() OR leases.holder = EXCLUDED.holder
         RETURNING token`,
        [name, holder, ttlMs],
      );
      const row = result.rows[0];
      return row ? { name, holder, token: Number(row.token) } : undefined;
    },
    async renew(lease, ttlMs) {
      const result = await database.query(
        `UPDATE leases SET expires_at = now() + $3 * interval '1 millisecond' WHERE name = $1 AND token = $2 AND expires_at > now()`,
        [lease.name, lease.token, ttlMs],
      );
      return result.rowCount === 1;
    },
    async release(lease) {
      await database.query('DELETE FROM leases WHERE name = $1 AND token = $2', [lease.name, lease.token]);
    },
  };
}
