import { describe, expect, it } from 'vitest';
import { createOutboundLimiter, FEISHU_LIMITS, type OutboundLimiter } from '../../../src/lark/outbound/outbound-limiter.js';
import { RecordingClock } from '../../support/recording-clock.js';

/** The time a call is let through: acquire() reserves its slot synchronously and sleeps until it. */
function reserve(limiter: OutboundLimiter, clock: RecordingClock, chatId?: string, api = 'im.message.reply'): number {
  const before = clock.sleeps.length;
  void limiter.acquire({ api, ...(chatId ? { chatId } : {}) });
  return clock.now() + (clock.sleeps.length > before ? (clock.sleeps.at(-1) ?? 0) : 0);
}

/** The most slots that fall in any window of `windowMs`. */
function busiestWindow(slots: number[], windowMs: number): number {
  return Math.max(0, ...slots.map((start) => slots.filter((slot) => slot >= start && slot < start + windowMs).length));
}

describe('outbound limiter', () => {
  it('keeps one chat at 5 messages a second without holding up other chats', () => {
    const clock = new RecordingClock();
    const limiter = createOutboundLimiter(FEISHU_LIMITS, clock);
    const busy = Array.from({ length: 12 }, () => reserve(limiter, clock, 'oc_busy'));
    const quiet = reserve(limiter, clock, 'oc_quiet');
    expect(quiet).toBe(clock.now());
    expect(busiestWindow(busy, 1100)).toBe(5);
    expect(busy.filter((slot) => slot === clock.now())).toHaveLength(5);
    expect(Math.max(...busy) - clock.now()).toBe(2200);
  });

  it('keeps the app at 50 calls a second to each API, separately', () => {
    const clock = new RecordingClock();
    const limiter = createOutboundLimiter(FEISHU_LIMITS, clock);
    const slots = Array.from({ length: 120 }, (_, index) => reserve(limiter, clock, `oc_${index}`));
    expect(busiestWindow(slots, 1100)).toBe(50);
    expect(Math.max(...slots) - clock.now()).toBe(2200);
    expect(reserve(limiter, clock, undefined, 'im.message.patch')).toBe(clock.now());
  });

  it('frees the window as time passes', () => {
    const clock = new RecordingClock();
    const limiter = createOutboundLimiter(FEISHU_LIMITS, clock);
    const first = Array.from({ length: 5 }, () => reserve(limiter, clock, 'oc_a'));
    clock.time += 1100;
    const later = reserve(limiter, clock, 'oc_a');
    expect(first.every((slot) => slot === 1_000_000)).toBe(true);
    expect(later).toBe(clock.now());
    expect(clock.sleeps).toEqual([]);
  });
});

describe('outbound limiter: the per-minute limit (issue 14 point 4)', () => {
  it('keeps each API at 1,000 calls a minute as well as 50 a second', () => {
    const clock = new RecordingClock();
    const limiter = createOutboundLimiter(FEISHU_LIMITS, clock);
    const slots = Array.from({ length: 1001 }, (_, index) => reserve(limiter, clock, `oc_${index}`, 'im.message.patch'));
    expect(busiestWindow(slots, 66_000)).toBe(1000);
    expect(busiestWindow(slots, 1100)).toBe(50);
    // the 1001st waits for the first minute to pass, not just for a free second
    expect((slots.at(-1) ?? 0) - clock.now()).toBeGreaterThanOrEqual(66_000);
    expect(reserve(limiter, clock, undefined, 'im.message.reply')).toBe(clock.now());
  });

  it('lets calls the platform does not count (CardKit on a streaming card) skip the API windows', () => {
    const clock = new RecordingClock();
    const limiter = createOutboundLimiter(FEISHU_LIMITS, clock);
    for (let index = 0; index < 60; index += 1) void limiter.acquire({ api: 'cardkit.card.element.content', exempt: true });
    expect(clock.sleeps).toEqual([]);
  });
});

describe('outbound limiter: optional calls', () => {
  it('skips a call that would wait longer than it may, without taking a slot', async () => {
    const clock = new RecordingClock();
    const limiter = createOutboundLimiter({ ...FEISHU_LIMITS, perAppPerMinute: 3 }, clock);
    for (let index = 0; index < 3; index += 1) expect(await limiter.acquire({ api: 'im.message.patch' })).toBe(true);
    expect(await limiter.acquire({ api: 'im.message.patch', maxWaitMs: 250 })).toBe(false);
    expect(clock.sleeps).toEqual([]);
    // the final update still gets the next free slot, a minute on
    expect(await limiter.acquire({ api: 'im.message.patch' })).toBe(true);
    expect(clock.sleeps).toEqual([66_000]);
  });
});
