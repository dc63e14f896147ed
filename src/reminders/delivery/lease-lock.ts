import type { Database } from '../../postgres/index.js';
import type { Clock } from '../../clock/index.js';

/** A held lease: the fencing token grows with every change of holder, so a stale holder can be told apart. */
export interface Lease {
  name: string;
  holder: string;
  token: number;
}

/**
 * A lock with an expiry, not tied to a database session (so it survives connection poolers and
 * reconnects): whoever holds it renews it; when the holder dies it expires and someone else takes it.
 */
export interface LeaseLock {
  /** Takes the lease (free, expired, or already ours: then renewed with the same token); undefined when another holds it. */
  acquire(name: string, holder: string, ttlMs: number): Promise<Lease | undefined>;
  /** Extends a lease we hold; false when it was lost (expired and taken over). */
  renew(lease: Lease, ttlMs: number): Promise<boolean>;
  /** Gives it up at once (only if still ours). */
  release(lease: Lease): Promise<void>;
}

/** In one process: a map (the single-instance default, and the contract's reference). */
export function createMemoryLeaseLock(clock: Clock): LeaseLock {
  const leases = new Map<string, { holder: string; token: number; expiresAt: number }>();
  let tokens = 0;
  return {
    async acquire(name, holder, ttlMs) {
      const now = clock.now();
      const current = leases.get(name);
      if (current && current.expiresAt > now && current.holder !== holder) return undefined;
      const token = current && current.holder === holder && current.expiresAt > now ? current.token : (tokens += 1);
      leases.set(name, { holder, token, expiresAt: now + ttlMs });
      return { name, holder, token };
    },
    async renew(lease, ttlMs) {
      const current = leases.get(lease.name);
      const now = clock.now();
      if (!current || current.token !== lease.token || current.expiresAt <= now) return false;
      current.expiresAt = now + ttlMs;
      return true;
    },
    async release(lease) {
      if (leases.get(lease.name)?.token === lease.token) leases.delete(lease.name);
    },
  };
}

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
