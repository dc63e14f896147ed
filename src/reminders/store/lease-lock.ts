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

/** The shared lease the schedulers of several instances take turns on. */
export interface SchedulerLease {
  lock: LeaseLock;
  name: string;
  holder: string;
  /** Longer than a tick (a minute) plus the slowest send, so a live holder keeps it. */
  ttlMs: number;
}
