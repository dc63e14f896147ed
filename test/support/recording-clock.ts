import type { Clock } from '../../src/clock/index.js';

/** A clock that stands still and records every sleep instead of waiting: for checking what code would wait. */
export class RecordingClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public time = 1_000_000) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
  }
}
