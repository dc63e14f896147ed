import { z } from 'zod';
import type { Database } from '../../postgres/index.js';
import type { Clock } from '../../clock/index.js';
import { createFileStore } from './file-store.js';

/** Work claimed by an instance that died before finishing it, handed to another one. */
interface AbandonedClaim {
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
  /**
   * Re-claims up to `limit` expired `processing` claims that carry a payload (work to redo) for this
   * instance. Claims without one (the Channel's "seen" claims) simply run out.
   */
  takeAbandoned(ttlMs: number, limit: number): Promise<AbandonedClaim[]>;
  /**
   * Extends this caller's unfinished claim of `key` to `ttlMs` from now (a live holder's heartbeat, so
   * only a dead holder's work is taken over); false when the claim is no longer this caller's to extend.
   */
  renew(key: string, ttlMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** One claim as a process keeps it (and the embedded store writes it to disk). */
interface StoredClaim {
  state: 'processing' | 'done';
  payload: unknown;
  attempts: number;
  expiresAt: number;
}

/**
 * One process: claims in a Map (bounded). `persist`, when given, is told of every change before the
 * call resolves, and `initial` seeds the Map (claims read back from disk).
 */
export function createMemoryDedupeStore(
  clock: Clock,
  options: {
    maxEntries?: number;
    initial?: Iterable<[string, StoredClaim]>;
    persist?: (key: string, claim: StoredClaim) => Promise<void>;
    close?: () => Promise<void>;
  } = {},
): DedupeStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const claims = new Map<string, StoredClaim>(options.initial ?? []);
  const persist = options.persist ?? (async () => undefined);
  const put = (key: string, claim: StoredClaim): Promise<void> => {
    claims.delete(key);
    claims.set(key, claim);
    for (const oldest of claims.keys()) {
      if (claims.size <= maxEntries) break;
      claims.delete(oldest);
    }
    return persist(key, claim);
  };
  return {
    async claim(key, ttlMs, payload) {
      const now = clock.now();
      const existing = claims.get(key);
      if (existing && existing.expiresAt > now) return false;
      // the Map changes before the first await, so a concurrent claim of the same key already sees it
      await put(key, { state: 'processing', payload, attempts: (existing?.attempts ?? 0) + 1, expiresAt: now + ttlMs });
      return true;
    },
    async complete(key, ttlMs) {
      await put(key, { state: 'done', payload: undefined, attempts: claims.get(key)?.attempts ?? 1, expiresAt: clock.now() + ttlMs });
    },
    async takeAbandoned(ttlMs, limit) {
      const now = clock.now();
      const taken: Array<[string, StoredClaim]> = [];
      for (const [key, claim] of claims) {
        if (taken.length >= limit) break;
        if (claim.state === 'processing' && claim.payload !== undefined && claim.expiresAt <= now)
          taken.push([key, { ...claim, attempts: claim.attempts + 1, expiresAt: now + ttlMs }]);
      }
      await Promise.all(taken.map(([key, claim]) => put(key, claim)));
      return taken.map(([key, claim]) => ({ key, payload: claim.payload, attempts: claim.attempts }));
    },
    async renew(key, ttlMs) {
      // one process holds every claim in this store: a `processing` claim is always its own
      const claim = claims.get(key);
      if (claim?.state !== 'processing') return false;
      await put(key, { ...claim, expiresAt: clock.now() + ttlMs });
      return true;
    },
    async close() {
      claims.clear();
      await options.close?.();
    },
  };
}

/** How long an abandoned claim stays on disk for a restarted process to take over. */
const ABANDONED_KEPT_MS = 24 * 3600_000;

const storedClaimSchema = z.object({
  state: z.enum(['processing', 'done']),
  payload: z.unknown().optional(),
  attempts: z.number().int().min(1),
  expiresAt: z.number(),
});

/**
 * The embedded default: one process, claims durable in a JSON-lines file (fsync'd before a claim
 * counts), so a restart neither answers a re-delivered message twice nor forgets a question it was
 * answering when it died: that claim runs out and the sweep answers it.
 */
export function createFileDedupeStore(options: { file: string; clock: Clock; maxEntries?: number }): DedupeStore {
  const maxEntries = options.maxEntries ?? 100_000;
  const store = createFileStore<StoredClaim>({
    file: options.file,
    maxEntries,
    clock: options.clock,
    parse: (value) => {
      const parsed = storedClaimSchema.safeParse(value);
      return parsed.success ? { ...parsed.data, payload: parsed.data.payload } : undefined;
    },
  });
  return createMemoryDedupeStore(options.clock, {
    maxEntries,
    initial: store.entries(),
    persist: (key, claim) => store.set(key, claim, claim.state === 'processing' ? claim.expiresAt + ABANDONED_KEPT_MS : claim.expiresAt),
    close: () => store.close(),
  });
}

/**
 * Claims in PostgreSQL, one row per key. Expiry is judged by the database clock, so instances with
 * skewed clocks agree; a claim is one INSERT … ON CONFLICT … WHERE expired, atomic without locks.
 */
export function createPostgresDedupeStore(database: Database, owner: string): DedupeStore {
  let claimsSinceSweep = 0;
  const sweep = async (): Promise<void> => {
    // done keys past their TTL and run-out claims with no work in them are dead weight; abandoned
    // `processing` rows with a payload are kept for takeAbandoned
    await database.query(`DELETE FROM claims WHERE (state = 'done' OR payload IS NULL) AND expires_at < now() - interval '1 hour'`);
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
           SELECT key FROM claims WHERE state = 'processing' AND payload IS NOT NULL AND expires_at <= now()
           ORDER BY expires_at LIMIT $3 FOR UPDATE SKIP LOCKED)
         RETURNING key, payload, attempts`,
        [owner, ttlMs, limit],
      );
      return result.rows.map((row) => ({ key: row.key, payload: row.payload, attempts: row.attempts }));
    },
    async renew(key, ttlMs) {
      const result = await database.query(
        `UPDATE claims SET expires_at = now() + $3 * interval '1 millisecond' WHERE key = $1 AND owner = $2 AND state = 'processing'`,
        [key, owner, ttlMs],
      );
      return result.rowCount === 1;
    },
    async close() {
      return undefined;
    },
  };
}
