import { describe, expect, it } from 'vitest';
import { LarkError } from '../../src/lark/index.js';
import { ModelError } from '../../src/answer/llm/index.js';
import { retryDelay, withRetry, type RetryPolicy } from '../../src/retry/index.js';
import { RecordingClock } from '../support/recording-clock.js';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, jitter: 0.2, rateLimitFloorMs: 1000 };
const options = (clock: RecordingClock) => ({ policy, clock, retries: LarkError });

function failing(errors: Error[]): { attempts: number[]; run: (attempt: number) => Promise<string> } {
  const attempts: number[] = [];
  return {
    attempts,
    run: async (attempt) => {
      attempts.push(attempt);
      const error = errors[attempt - 1];
      if (error) throw error;
      return 'done';
    },
  };
}

describe('retry', () => {
  it('retries 5xx with growing backoff and returns the first success', async () => {
    const clock = new RecordingClock();
    const call = failing([new LarkError('server-error', '500'), new LarkError('server-error', '502')]);
    await expect(withRetry(call.run, options(clock))).resolves.toBe('done');
    expect(call.attempts).toEqual([1, 2, 3]);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(80);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(160);
  });

  it('waits what x-ogw-ratelimit-reset says, and at least a second for a bare rate-limit code', async () => {
    const clock = new RecordingClock();
    const call = failing([
      new LarkError('rate-limited', '429', { retryAfterMs: 3000 }),
      new LarkError('rate-limited', '230020', { platformCode: 230020 }),
    ]);
    await withRetry(call.run, options(clock));
    expect(clock.sleeps).toEqual([3000, 1000]);
  });

  it('does not retry rejections, and gives up after the last attempt or a reset beyond the longest wait', async () => {
    const clock = new RecordingClock();
    const rejected = failing([new LarkError('rejected', 'bad card', { platformCode: 230099 })]);
    await expect(withRetry(rejected.run, options(clock))).rejects.toMatchObject({ code: 'rejected' });
    expect(rejected.attempts).toEqual([1]);
    const always = failing(Array.from({ length: 4 }, () => new LarkError('network', 'ECONNRESET')));
    await expect(withRetry(always.run, options(clock))).rejects.toMatchObject({ code: 'network' });
    expect(always.attempts).toEqual([1, 2, 3, 4]);
    const tooLong = failing([new LarkError('rate-limited', '429', { retryAfterMs: 60_000 })]);
    await expect(withRetry(tooLong.run, options(clock))).rejects.toMatchObject({ code: 'rate-limited' });
    expect(tooLong.attempts).toEqual([1]);
  });

  it('retries only the error type it is given', async () => {
    const clock = new RecordingClock();
    const foreign = failing([new ModelError('server', '503', { isRetryable: true })]);
    await expect(withRetry(foreign.run, options(clock))).rejects.toMatchObject({ code: 'server' });
    expect(foreign.attempts).toEqual([1]);
  });

  it('with a deadline, makes no wait that leaves an attempt less than minAttemptMs', () => {
    const deadline: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: Number.POSITIVE_INFINITY, minAttemptMs: 500 };
    const overloaded = new ModelError('server', '503', { isRetryable: true });
    expect(retryDelay(deadline, 1, overloaded, 800)).toBe(300);
    expect(retryDelay(deadline, 1, overloaded, 799)).toBeUndefined();
    expect(retryDelay(deadline, 2, overloaded, 10_000)).toBe(600);
    expect(retryDelay(deadline, 3, overloaded, 10_000)).toBeUndefined();
    expect(retryDelay(deadline, 1, new ModelError('rejected', '400'), 10_000)).toBeUndefined();
  });

  it('a sleep cut short by the signal throws the failure that caused it, not the abort', async () => {
    const controller = new AbortController();
    const clock = {
      now: () => 0,
      sleep: async (_ms: number, signal?: AbortSignal) => {
        controller.abort();
        signal?.throwIfAborted();
      },
    };
    const call = failing([new LarkError('network', 'ECONNRESET')]);
    await expect(withRetry(call.run, { policy, clock, retries: LarkError, signal: controller.signal })).rejects.toMatchObject({
      code: 'network',
    });
  });
});
