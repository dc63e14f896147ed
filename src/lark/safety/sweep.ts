import type { Logger } from '../../log/index.js';
import type { DedupeStore } from '../store/dedupe-store.js';

/** A claimed delivery whose handling fails this many times is given up (logged), not retried forever. */
const MAX_ATTEMPTS = 3;

/** Abandoned claims taken per sweep, so one sweep never floods the answer queue. */
const PER_SWEEP = 10;

/**
 * Looks for claims whose holder died mid-answer (their lease ran out) every `intervalMs` and hands
 * each to `redeliver`; a claim without a message or past MAX_ATTEMPTS is completed and logged.
 * Returns the stop function. 0 = no sweeping (single instance with no previous run to take over).
 */
export function startSweep(deps: {
  dedupe: DedupeStore;
  leaseMs: number;
  doneTtlMs: number;
  intervalMs: number;
  /** Whether this instance takes events now (not before connecting, not while closing). */
  active: () => boolean;
  messageIdOf: (payload: unknown) => string | undefined;
  redeliver: (key: string, payload: unknown) => void;
  logger: Logger;
}): () => void {
  const { dedupe, logger } = deps;
  const sweep = async (): Promise<void> => {
    for (const claim of await dedupe.takeAbandoned(deps.leaseMs, PER_SWEEP)) {
      const messageId = deps.messageIdOf(claim.payload);
      if (!messageId || claim.attempts > MAX_ATTEMPTS) {
        logger.error('lark.claim_given_up', { key: claim.key, attempts: claim.attempts });
        await dedupe.complete(claim.key, deps.doneTtlMs);
        continue;
      }
      logger.warn('lark.taking_over', { messageId, attempts: claim.attempts });
      deps.redeliver(claim.key, claim.payload);
    }
  };
  if (deps.intervalMs <= 0) return () => undefined;
  const timer = setInterval(() => {
    if (deps.active()) sweep().catch((error: unknown) => logger.error('lark.sweep_failed', { error }));
  }, deps.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
