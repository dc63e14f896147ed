import type { Clock } from '../../clock/index.js';

/** Runs an action with the latest value at most once per interval; older values are skipped, not queued. */
interface LatestThrottle<T> {
  push(value: T): void;
  /** Drops any pending value and waits for a running action to finish. */
  settle(): Promise<void>;
}

/**
 * Keeps card updates under the platform's per-card limits while showing the newest text: at most one
 * run in flight, at least `intervalMs` between starts. Failures go to `onError`, never to the caller.
 */
export function latestThrottle<T>(
  run: (value: T) => Promise<void>,
  options: { intervalMs: number; clock: Clock; onError: (error: unknown) => void },
): LatestThrottle<T> {
  let pending: { value: T } | undefined;
  let worker: Promise<void> | undefined;
  let lastStart = Number.NEGATIVE_INFINITY;
  const stop = new AbortController();

  const loop = async (): Promise<void> => {
    while (pending && !stop.signal.aborted) {
      const wait = lastStart + options.intervalMs - options.clock.now();
      if (wait > 0) {
        try {
          await options.clock.sleep(wait, stop.signal);
        } catch {
          break;
        }
      }
      const next = pending;
      pending = undefined;
      if (!next || stop.signal.aborted) break;
      lastStart = options.clock.now();
      try {
        await run(next.value);
      } catch (error) {
        options.onError(error);
      }
    }
    worker = undefined;
  };

  return {
    push(value) {
      if (stop.signal.aborted) return;
      pending = { value };
      worker ??= loop();
    },
    async settle() {
      pending = undefined;
      stop.abort();
      await worker;
    },
  };
}
