import type { Database } from '../../postgres/index.js';
import type { Clock } from '../clock.js';

/** Work claimed by an instance that died before finishing it, handed to another one. */
export interface AbandonedClaim {
  key: string;
  payload: unknown;
  attempts: number;
}

/**
 * Who handles a delivered message, shared by every instance: a claim is a lease (`processing` for
 * `ttlMs`), then `complete` keeps the key as done so re-deliveries are refused for the dedup TTL.
 * A claim whose holder died expires and is handed out again by `takeAbandoned`.
 */
export interface DedupeStore {
  /** True when this caller now holds `key` (nobody held it, or the holder's lease ran out). */
  claim(key: string, ttlMs: number, payload?: unknown): Promise<boolean>;
  /** The work is done: refuse `key` for `ttlMs` more. */
  complete(key: string, ttlMs: number): Promise<void>;
  /** Re-claims up to `limit` expired `processing` claims for this instance, with their payloads. */
  takeAbandoned(ttlMs: number, limit: number): Promise<AbandonedClaim[]>;
  close(): Promise<void>;
}

interface MemoryClaim {
  state: 'processing' | 'done';
  payload: unknown;
  attempts: number;
  expiresAt: number;
}

/**
 * One process: claims in memory (bounded). Durable dedup across restarts stays with the SDK's seen
 * cache on the file store; this only serialises the work inside the process.
 */
export function createMemoryDedupeStore(clock: Clock, maxEntries = 100_000): DedupeStore {
  const claims = new Map<string, MemoryClaim>();
  return {
    async claim(key, ttlMs, payload) {
      const now = clock.now();
      const existing = claims.get(key);
      if (existing && existing.expiresAt > now) return false;
      claims.delete(key);
      claims.set(key, { state: 'processing', payload, attempts: (existing?.attempts ?? 0) + 1, expiresAt: now + ttlMs });
      for (const oldest of claims.keys()) {
        if (claims.size <= maxEntries) break;
        claims.delete(oldest);
      }
      return true;
    },
    async complete(key, ttlMs) {
      const existing = claims.get(key);
      claims.set(key, { state: 'done', payload: undefined, attempts: existing?.attempts ?? 1, expiresAt: clock.now() + ttlMs });
    },
    async takeAbandoned(ttlMs, limit) {
      const now = clock.now();
      const taken: AbandonedClaim[] = [];
      for (const [key, claim] of claims) {
        if (taken.length >= limit) break;
        if (claim.state !== 'processing' || claim.expiresAt > now) continue;
        claim.expiresAt = now + ttlMs;
        claim.attempts += 1;
        taken.push({ key, payload: claim.payload, attempts: claim.attempts });
      }
      return taken;
    },
    async close() {
      claims.clear();
    },
  };
}

/**
 * Claims in PostgreSQL, one row per key. Expiry is judged by the database clock, so instances with
 * skewed clocks agree; a claim is one INSERT … ON CONFLICT … WHERE expired, atomic without locks.
 */
export function createPostgresDedupeStore(database: Database, owner: string): DedupeStore {
  let claimsSinceSweep = 0;
  const sweep = async (): Promise<void> => {
    // done keys past their TTL are dead weight; abandoned `processing` rows are kept for takeAbandoned
    await database.query(`DELETE FROM claims WHERE state = 'done' AND expires_at < now() - interval '1 hour'`);
  };
  return {
    async claim(key, ttlMs, payload) {
      const result = await database.query(
        `INSERT INTO claims (key, owner, state, payload, expires_at)
         VALUES ($1, $2, 'processing', $3, now() + $4 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE
           SET owner = EXCLUDED.owner, state = 'processing', payload = EXCLUDED.payload,
               attempts = claims.attempts + 1, expires_at = EXCLUDED.expires_at
           WHERE claims.expires_at <= now()
         RETURNING key`,
        [key, owner, payload === undefined ? null : JSON.stringify(payload), ttlMs],
      );
      if ((claimsSinceSweep += 1) >= 1000) {
        claimsSinceSweep = 0;
        await sweep();
      }
      return result.rowCount === 1;
    },
    async complete(key, ttlMs) {
      await database.query(
        `UPDATE claims SET state = 'done', payload = NULL, expires_at = now() + $2 * interval '1 millisecond' WHERE key = $1`,
        [key, ttlMs],
      );
    },
    async takeAbandoned(ttlMs, limit) {
      const result = await database.query<{ key: string; payload: unknown; attempts: number }>(
        `UPDATE claims SET owner = $1, attempts = attempts + 1, expires_at = now() + $2 * interval '1 millisecond'
         WHERE key IN (
           SELECT key FROM claims WHERE state = 'processing' AND expires_at <= now()
           ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING key, payload, attempts`,
        [owner, ttlMs, limit],
      );
      return result.rows.map((row) => ({ key: row.key, payload: row.payload, attempts: row.attempts }));
    },
    async close() {
      return undefined;
    },
  };
}
