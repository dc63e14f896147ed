import type { Clock } from '../../clock/index.js';

/** The verdict for one message: allowed, or refused with when to come back. */
type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number; firstRefusal: boolean };

/** Counts questions per user in a sliding window (default 10 a minute). */
interface UserRateLimit {
  take(userId: string): RateVerdict;
}

/**
 * Sliding-window counter per user. `firstRefusal` is true once per window, so a flooding user gets one
 * friendly reply instead of one per message.
 */
export function createUserRateLimit(options: { limit: number; windowMs: number; clock: Clock }): UserRateLimit {
  const history = new Map<string, { times: number[]; warnedUntil: number }>();
  return {
    take(userId) {
      const now = options.clock.now();
      if (history.size > 10_000) {
        for (const [key, entry] of history) if ((entry.times.at(-1) ?? 0) <= now - options.windowMs) history.delete(key);
      }
      const entry = history.get(userId) ?? { times: [], warnedUntil: 0 };
      history.set(userId, entry);
      entry.times = entry.times.filter((time) => time > now - options.windowMs);
      if (entry.times.length < options.limit) {
        entry.times.push(now);
        return { allowed: true };
      }
      const retryAfterMs = (entry.times[0] ?? now) + options.windowMs - now;
      const firstRefusal = now >= entry.warnedUntil;
      if (firstRefusal) entry.warnedUntil = now + retryAfterMs;
      return { allowed: false, retryAfterMs, firstRefusal };
    },
  };
}
