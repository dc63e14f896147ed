import type { Clock } from '../../clock/index.js';

/** Paces outbound calls under the platform's limits: a few messages a second per chat, more per API per app. */
export interface OutboundLimiter {
  /**
   * Waits for a slot that keeps every window under the limits of `api` (the app's calls to that one
   * API, per second and per minute) and, for messages sent into a chat, of `chatId`. `exempt` calls
   * (CardKit calls on a card in streaming mode, which the platform does not count) skip the API windows.
   * With `maxWaitMs`, a call whose slot is further away than that takes none and resolves false at
   * once (an update that will be outdated by then is better skipped); otherwise it resolves true.
   */
  acquire(call: {
    api: string;
    chatId?: string | undefined;
    exempt?: boolean | undefined;
    maxWaitMs?: number | undefined;
  }): Promise<boolean>;
}

/** How many calls fit in one window, per chat and per API (per second and per minute). */
interface OutboundLimits {
  perChat: number;
  perApp: number;
  windowMs: number;
  /** Calls per API per minute: "1000 次/分钟、50 次/秒", either one limits. */
  perAppPerMinute?: number;
  minuteWindowMs?: number;
}

/**
 * Feishu: 5 messages a second to one user or group; each API allows an app 50 calls a second and 1,000
 * a minute. The windows are 10 % longer (1.1 s, 66 s) so that network jitter cannot squeeze one call
 * too many into the platform's own window.
 */
export const FEISHU_LIMITS: OutboundLimits = { perChat: 5, perApp: 50, windowMs: 1100, perAppPerMinute: 1000, minuteWindowMs: 66_000 };

/** A sorted list of reserved send times for one key, with that key's limit and window. */
interface Window {
  times: number[];
  limit: number;
  windowMs: number;
}

/** True if adding `time` keeps every `limit + 1` consecutive reservations at least `windowMs` apart. */
function fits(reserved: number[], time: number, limit: number, windowMs: number): boolean {
  const merged = [...reserved, time].sort((a, b) => a - b);
  const position = merged.indexOf(time);
  for (let start = Math.max(0, position - limit); start <= position && start + limit < merged.length; start += 1) {
    const last = merged[start + limit];
    const first = merged[start];
    if (last !== undefined && first !== undefined && last - first < windowMs) return false;
  }
  return true;
}

/**
 * A sliding-window limiter over reserved slots: slots are reserved synchronously (first come, first
 * served, no overbooking) and a chat waiting for its own window does not hold up other chats.
 */
export function createOutboundLimiter(limits: OutboundLimits, clock: Clock): OutboundLimiter {
  const windows = new Map<string, Window>();
  const windowOf = (key: string, limit: number, windowMs: number): Window => {
    let window = windows.get(key);
    if (!window) {
      window = { times: [], limit, windowMs };
      windows.set(key, window);
    }
    return window;
  };
  const drop = (window: Window, now: number): void => {
    while (window.times.length > 0 && (window.times[0] ?? 0) <= now - window.windowMs) window.times.shift();
  };
  const prune = (now: number): void => {
    for (const [key, window] of windows) {
      drop(window, now);
      if (window.times.length === 0) windows.delete(key);
    }
  };

  return {
    async acquire({ api, chatId, exempt, maxWaitMs }) {
      const now = clock.now();
      if (windows.size > 256) prune(now);
      const keys: Window[] = [];
      if (!exempt) {
        keys.push(windowOf(`api:${api}`, limits.perApp, limits.windowMs));
        if (limits.perAppPerMinute) keys.push(windowOf(`api-minute:${api}`, limits.perAppPerMinute, limits.minuteWindowMs ?? 60_000));
      }
      if (chatId) keys.push(windowOf(`chat:${chatId}`, limits.perChat, limits.windowMs));
      if (keys.length === 0) return true;
      for (const window of keys) drop(window, now);
      const candidates = [now, ...keys.flatMap((window) => window.times.map((time) => time + window.windowMs))]
        .filter((time) => time >= now)
        .sort((a, b) => a - b);
      const slot = candidates.find((time) => keys.every((window) => fits(window.times, time, window.limit, window.windowMs))) ?? now;
      if (maxWaitMs !== undefined && slot - now > maxWaitMs) return false;
      for (const window of keys) {
        window.times.push(slot);
        window.times.sort((a, b) => a - b);
      }
      if (slot > now) await clock.sleep(slot - now);
      return true;
    },
  };
}
