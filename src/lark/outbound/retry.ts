import type { RetryPolicy } from '../../retry/index.js';

/** Production policy for Open Platform calls: 4 attempts from 300 ms ± 20 %; a rate limit waits at least a second. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 300, maxDelayMs: 30_000, jitter: 0.2, rateLimitFloorMs: 1000 };
