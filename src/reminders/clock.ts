/** Time as the reminders see it: injected so every schedule decision can be tested with a fixed clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => Date.now() };
