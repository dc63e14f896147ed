/** Conditions tests wait for, re-checked after every call the fake receives and every 25 ms. */
export class Waiters {
  private readonly listeners = new Set<() => void>();

  /** Something changed: re-check every waiting condition. */
  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  /** Resolves with `probe()`'s first defined value; rejects after `timeoutMs` naming `what`. */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Feishu: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      // also polled, for conditions that change without a call to the fake (logs, files)
      const poll = setInterval(() => check(), 25);
      const listener = (): void => {
        check();
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(listener);
      };
      this.listeners.add(listener);
      check();
    });
  }
}
