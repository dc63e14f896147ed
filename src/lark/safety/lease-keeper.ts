import type { Logger } from '../../log/index.js';
import type { DedupeStore } from '../store/dedupe-store.js';

/** A claim is renewed this many times per lease, so one slow renewal does not let it run out. */
const RENEWALS_PER_LEASE = 3;

/**
 * The longest a live instance keeps a claim alive: an answer (60 s at most) plus a final card held
 * through rate limits (10 minutes). Past that the work is taken to be stuck and may be taken over.
 */
const MAX_KEPT_MS = 15 * 60_000;

/** Keeps this instance's claims from running out while it is still working on them. */
interface LeaseKeeper {
  /** Starts renewing `key` (no-op when already renewing it). */
  keep(key: string): void;
  /** Stops renewing `key`. */
  release(key: string): void;
  /** Stops renewing everything. */
  stop(): void;
}

/**
 * A claim's lease is what tells other instances its holder died. Without renewal, a live instance
 * whose answer takes longer than the lease (a loaded machine, a slow model, a final card held through
 * a rate limit) has its question taken over while it is still answering: two instances then update
 * the same CardKit card at once, their sequences interleave and the platform refuses one with 300317.
 */
export function createLeaseKeeper(deps: { dedupe: DedupeStore; leaseMs: number; logger: Logger; maxKeptMs?: number }): LeaseKeeper {
  const { dedupe, leaseMs, logger } = deps;
  const maxKeptMs = deps.maxKeptMs ?? MAX_KEPT_MS;
  const intervalMs = Math.max(1, Math.floor(leaseMs / RENEWALS_PER_LEASE));
  const kept = new Map<string, NodeJS.Timeout>();
  const release = (key: string): void => {
    clearInterval(kept.get(key));
    kept.delete(key);
  };
  return {
    keep(key) {
      if (kept.has(key)) return;
      let renewals = 0;
      const timer = setInterval(() => {
        if ((renewals += 1) * intervalMs > maxKeptMs) {
          logger.warn('lark.claim_kept_too_long', { claimKey: key, keptMs: maxKeptMs });
          return release(key);
        }
        dedupe.renew(key, leaseMs).then(
          (renewed) => {
            // done already, or taken over after all (this instance stalled past its lease): stop
            if (!renewed && kept.get(key) === timer) release(key);
          },
          (error: unknown) => logger.warn('lark.claim_renew_failed', { claimKey: key, error }),
        );
      }, intervalMs);
      timer.unref();
      kept.set(key, timer);
    },
    release,
    stop() {
      for (const key of [...kept.keys()]) release(key);
    },
  };
}
