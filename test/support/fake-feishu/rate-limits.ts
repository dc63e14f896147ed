// The platform's frequency limits: each API allows an app 50 calls a second and 1,000 a minute
// ("1000 次/分钟、50 次/秒", either one limits), answered with HTTP 429, code 99991400 and
// x-ogw-ratelimit-reset (seconds until the window frees); sends to one chat 5 a second (230020).

/** How many calls fit per API and per chat (tests lower them to reach the limits quickly). */
export interface RateLimits {
  perSecond: number;
  perMinute: number;
  perChatPerSecond: number;
}

export const PLATFORM_LIMITS: RateLimits = { perSecond: 50, perMinute: 1000, perChatPerSecond: 5 };

/** Fixed windows per API (the gateway counts per second and per minute). */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();
  /** Calls refused by a per-API limit. */
  apiViolations = 0;
  /** Sends refused by the per-chat limit. */
  chatViolations = 0;

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one call to `api`; when over a limit, the seconds until it resets (the call is not counted). */
  api(api: string): number | undefined {
    const now = this.now();
    const times = (this.windows.get(api) ?? []).filter((time) => time > now - 60_000);
    this.windows.set(api, times);
    const lastSecond = times.filter((time) => time > now - 1000);
    if (lastSecond.length >= this.limits.perSecond) {
      this.apiViolations += 1;
      return Math.max(1, Math.ceil(((lastSecond[0] ?? now) + 1000 - now) / 1000));
    }
    if (times.length >= this.limits.perMinute) {
      this.apiViolations += 1;
      return Math.max(1, Math.ceil(((times[0] ?? now) + 60_000 - now) / 1000));
    }
    times.push(now);
    return undefined;
  }

  /** Counts one send into `chatId`; true when over the chat's limit (not counted). */
  chat(chatId: string): boolean {
    const key = `chat:${chatId}`;
    const now = this.now();
    const times = (this.windows.get(key) ?? []).filter((time) => time > now - 1000);
    this.windows.set(key, times);
    if (times.length >= this.limits.perChatPerSecond) {
      this.chatViolations += 1;
      return true;
    }
    times.push(now);
    return false;
  }
}
