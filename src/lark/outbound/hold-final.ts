import type { Logger } from '../../log/index.js';
import type { Clock } from '../../clock/index.js';
import { LarkError } from '../errors.js';

/** How long a final card may wait for a rate limit to reset before it is given up. */
const FINAL_HOLD_MS = 10 * 60_000;

/**
 * Runs the delivery of something that must not be lost (a final answer card): when the platform's
 * rate limit outlasts the retry budget (`x-ogw-ratelimit-reset` longer than the retry policy's
 * longest wait), the delivery is held until the limit resets and tried again, up to `maxHoldMs` in all.
 */
export async function holdThroughRateLimits<T>(
  deliver: () => Promise<T>,
  options: { clock: Clock; logger: Logger; what: string; maxHoldMs?: number },
): Promise<T> {
  const maxHoldMs = options.maxHoldMs ?? FINAL_HOLD_MS;
  let held = 0;
  for (;;) {
    try {
      return await deliver();
    } catch (error) {
      if (!(error instanceof LarkError) || error.code !== 'rate-limited') throw error;
      const waitMs = Math.max(error.retryAfterMs ?? 0, 1000);
      if (held + waitMs > maxHoldMs) throw error;
      options.logger.warn('lark.final_held', { what: options.what, waitMs, heldMs: held });
      await options.clock.sleep(waitMs);
      held += waitMs;
    }
  }
}
