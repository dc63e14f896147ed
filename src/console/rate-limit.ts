/** Counts attempts per key (a client address) in a sliding window. */
export interface RateLimit {
  /** Counts an attempt; false when the key is over its limit (the attempt is refused, and still counted). */
  allow(key: string): boolean;
}

/** At most `limit` attempts per key in `windowMs`; remembers at most `maxKeys` keys. */
export function createRateLimit(options: { limit: number; windowMs: number; now: () => number; maxKeys?: number }): RateLimit {
  const attempts = new Map<string, number[]>();
  const maxKeys = options.maxKeys ?? 10_000;
  return {
    allow(key) {
      const now = options.now();
      const recent = (attempts.get(key) ?? []).filter((time) => time > now - options.windowMs);
      recent.push(now);
      attempts.delete(key);
      attempts.set(key, recent);
      if (attempts.size > maxKeys) attempts.delete(attempts.keys().next().value ?? '');
      return recent.length <= options.limit;
    },
  };
}
