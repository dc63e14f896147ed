import type { Clock } from '../clock.js';

/** Paces outbound calls under the platform's limits: a few messages a second per chat, more per API per app. */
export interface OutboundLimiter {
  /**
   * Waits for a slot that keeps every window under the limits of `api` (the app's calls to that one
   * API) and, for messages sent into a chat, of `chatId`.
   */
  acquire(call: { api: string; chatId?: string }): Promise<void>;
}

/** How many calls fit in one window, per chat and per API. */
export interface OutboundLimits {
  perChat: number;
  perApp: number;
  windowMs: number;
}

/**
 * Feishu: 5 messages a second to one user or group; 50 calls a second per app to each API (each API
 * has its own "1000 次/分钟、50 次/秒"). The window is 1.1 s so that network jitter cannot squeeze six
 * sends into the platform's one second.
 */
export const FEISHU_LIMITS: OutboundLimits = { perChat: 5, perApp: 50, windowMs: 1100 };

/** A sorted list of reserved send times for one key. */
type Reservations = number[];

/** True if adding `time` keeps every `limit + 1` consecutive reservations at least `windowMs` apart. */
function fits(reserved: Reservations, time: number, limit: number, windowMs: number): boolean {
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
  const windows = new Map<string, Reservations>();
  const reservationsOf = (key: string): Reservations => {
    let list = windows.get(key);
    if (!list) {
      list = [];
      windows.set(key, list);
    }
    return list;
  };
  const prune = (now: number): void => {
    for (const [key, list] of windows) {
      while (list.length > 0 && (list[0] ?? 0) <= now - limits.windowMs) list.shift();
      if (list.length === 0) windows.delete(key);
    }
  };

  return {
    async acquire({ api, chatId }) {
      const now = clock.now();
      if (windows.size > 256) prune(now);
      const keys: Array<[Reservations, number]> = [[reservationsOf(`api:${api}`), limits.perApp]];
      if (chatId) keys.push([reservationsOf(`chat:${chatId}`), limits.perChat]);
      for (const [list] of keys) while (list.length > 0 && (list[0] ?? 0) <= now - limits.windowMs) list.shift();
      const candidates = [now, ...keys.flatMap(([list]) => list.map((time) => time + limits.windowMs))]
        .filter((time) => time >= now)
        .sort((a, b) => a - b);
      const slot = candidates.find((time) => keys.every(([list, limit]) => fits(list, time, limit, limits.windowMs))) ?? now;
      for (const [list] of keys) {
        list.push(slot);
        list.sort((a, b) => a - b);
      }
      if (slot > now) await clock.sleep(slot - now);
    },
  };
}
