import { describe, expect, it } from 'vitest';
import { LarkError } from '../../src/lark/index.js';
import { withRetry } from '../../src/lark/outbound/retry.js';
import { RecordingClock } from './recording-clock.js';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 10_000, rateLimitFloorMs: 1000 };

function failing(errors: LarkError[]): { attempts: number[]; run: (attempt: number) => Promise<string> } {
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
    await expect(withRetry(call.run, { ...policy, clock })).resolves.toBe('done');
    expect(call.attempts).toEqual([1, 2, 3]);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(80);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(160);
  });

  it('waits what x-ogw-ratelimit-reset says, and at least a second for a bare rate-limit code', async () => {
    const clock = new RecordingClock();
    const call = failing([new LarkError('rate-limited', '429', { retryAfterMs: 3000 }), new LarkError('rate-limited', '230020', { platformCode: 230020 })]);
    await withRetry(call.run, { ...policy, clock });
    expect(clock.sleeps).toEqual([3000, 1000]);
  });

  it('does not retry rejections, and gives up after the last attempt or a reset beyond the longest wait', async () => {
    const clock = new RecordingClock();
    const rejected = failing([new LarkError('rejected', 'bad card', { platformCode: 230099 })]);
    await expect(withRetry(rejected.run, { ...policy, clock })).rejects.toMatchObject({ code: 'rejected' });
    expect(rejected.attempts).toEqual([1]);
    const always = failing(Array.from({ length: 4 }, () => new LarkError('network', 'ECONNRESET')));
    await expect(withRetry(always.run, { ...policy, clock })).rejects.toMatchObject({ code: 'network' });
    expect(always.attempts).toEqual([1, 2, 3, 4]);
    const tooLong = failing([new LarkError('rate-limited', '429', { retryAfterMs: 60_000 })]);
    await expect(withRetry(tooLong.run, { ...policy, clock })).rejects.toMatchObject({ code: 'rate-limited' });
    expect(tooLong.attempts).toEqual([1]);
  });
});
