import type { Clock } from '../../clock/index.js';
import { LarkError } from '../errors.js';

/** How hard to retry: attempts in total, exponential backoff, and the longest wait worth making. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * The least wait after a rate-limit answer that names no reset time: the platform's windows are a
   * second long, so retrying sooner only hits the same limit again.
   */
  rateLimitFloorMs?: number;
}

/** Production policy: 4 attempts from 300 ms; a rate limit waits at least a second. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 30_000, rateLimitFloorMs: 1000 };

/**
 * Runs `operation` until it succeeds, retrying only LarkErrors that say `isRetryable`; waits the
 * platform's `retryAfterMs` (x-ogw-ratelimit-reset) when given, exponential backoff with jitter otherwise.
 */
export async function withRetry<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryPolicy & { clock: Clock; onRetry?: (error: LarkError, attempt: number, delayMs: number) => void },
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(error instanceof LarkError) || !error.isRetryable || attempt >= options.attempts) throw error;
      const backoff = options.baseDelayMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
      const floor = error.code === 'rate-limited' ? (options.rateLimitFloorMs ?? 0) : 0;
      const delay = Math.round(error.retryAfterMs ?? Math.max(backoff, floor));
      if (delay > options.maxDelayMs) throw error;
      options.onRetry?.(error, attempt, delay);
      await options.clock.sleep(delay);
    }
  }
}
