import type { Clock } from '../clock/index.js';

/**
 * What retry code reads from a failure, and nothing more: the error's own flags. Each layer's error
 * type (LarkError, ModelError) carries them, so the decision to retry is made where the error is made.
 */
interface RetryableError {
  readonly code: string;
  readonly isRetryable: boolean;
  /** The wait the server asked for (Retry-After, x-ogw-ratelimit-reset). */
  readonly retryAfterMs?: number | undefined;
}

/** How hard to retry: attempts in total, exponential backoff, and the longest wait worth making. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  /** A wait longer than this is not made: the failure is thrown instead. */
  maxDelayMs: number;
  /** Random spread of the backoff, ± this fraction, so that callers failing together do not retry together. */
  jitter?: number;
  /**
   * The least wait after a rate-limit answer that names no reset time: the Open Platform's windows are a
   * second long, so retrying sooner only hits the same limit again.
   */
  rateLimitFloorMs?: number;
  /** With a deadline: the time an attempt needs at least; a wait that leaves less is not worth making. */
  minAttemptMs?: number;
}

/** How long to wait before attempt `attempt + 1`, or undefined when retrying is pointless or too late. */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  error: RetryableError,
  remainingMs = Infinity,
  random: () => number = Math.random,
): number | undefined {
  if (!error.isRetryable || attempt >= policy.attempts) return undefined;
  const spread = policy.jitter ?? 0;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (1 - spread + random() * 2 * spread);
  const floor = error.code === 'rate-limited' ? (policy.rateLimitFloorMs ?? 0) : 0;
  const delay = Math.round(error.retryAfterMs ?? Math.max(backoff, floor));
  if (delay > policy.maxDelayMs || delay + (policy.minAttemptMs ?? 0) > remainingMs) return undefined;
  return delay;
}

/** What a retried operation runs under. */
export interface RetryOptions<E extends RetryableError> {
  policy: RetryPolicy;
  clock: Clock;
  /** The error type this caller retries (LarkError, ModelError): anything else is thrown at once. */
  retries: abstract new (...args: never[]) => E;
  /** Time left for the whole call, when it has a deadline. */
  remainingMs?: () => number;
  /** Ends a wait early; the failure that caused the wait is thrown then. */
  signal?: AbortSignal;
  onRetry?: (error: E, attempt: number, delayMs: number) => void;
}

/** Waits before the next attempt after `error`, or throws `error` when no retry is due. */
export async function pauseBeforeRetry<E extends RetryableError>(error: unknown, attempt: number, options: RetryOptions<E>): Promise<void> {
  if (!(error instanceof options.retries)) throw error;
  const delay = retryDelay(options.policy, attempt, error, options.remainingMs?.());
  if (delay === undefined) throw error;
  options.onRetry?.(error, attempt, delay);
  try {
    await options.clock.sleep(delay, options.signal);
  } catch {
    throw error;
  }
}

/** Runs `operation` until it succeeds or a failure is not worth retrying (see `retryDelay`). */
export async function withRetry<T, E extends RetryableError>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions<E>,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation(attempt);
    } catch (error) {
      await pauseBeforeRetry(error, attempt, options);
    }
  }
}
