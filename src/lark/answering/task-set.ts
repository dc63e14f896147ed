/** Work that outlives the event handler (answers produced after the event is acknowledged), tracked for shutdown. */
export interface TaskSet {
  /** Starts `task` now; its failure is reported to `onError`, never thrown. */
  run(task: () => Promise<void>): void;
  readonly size: number;
  /** Resolves when nothing is running (or after `timeoutMs`); true if everything finished. */
  drain(timeoutMs?: number): Promise<boolean>;
}

/** A set of running promises. */
export function createTaskSet(onError: (error: unknown) => void): TaskSet {
  const running = new Set<Promise<void>>();
  return {
    run(task) {
      const promise: Promise<void> = task()
        .catch(onError)
        .finally(() => running.delete(promise));
      running.add(promise);
    },
    get size() {
      return running.size;
    },
    async drain(timeoutMs = Number.POSITIVE_INFINITY) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = Number.isFinite(timeoutMs)
        ? new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), timeoutMs);
          })
        : new Promise<false>(() => undefined);
      try {
        while (running.size > 0) {
          const finished = await Promise.race([Promise.allSettled([...running]).then(() => true as const), deadline]);
          if (!finished) return false;
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
