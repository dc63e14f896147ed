import type { ReindexProgress } from '../admin/index.js';
import type { BuildSummary } from '../index/index.js';
import { ConsoleError } from './errors.js';

/** What the documents page shows live: the running change, or how the last one ended. */
interface JobState {
  running?: { action: string; name: string; progress: ReindexProgress };
  last?: { action: string; name: string; ok: boolean; text: string; at: number };
}

/** One document change at a time (upload, remove, re-index), its progress pushed to listeners (SSE). */
export interface Jobs {
  state(): JobState;
  /** Starts `work` in the background; ConsoleError `busy` while another change runs. */
  start(
    action: string,
    name: string,
    work: (onProgress: (progress: ReindexProgress) => void) => Promise<BuildSummary>,
    onEnd?: (ok: boolean, text: string) => void,
  ): void;
  /** Calls `listener` on every change until the returned function is called; `end` runs on `closeAll`. */
  listen(listener: (state: JobState) => void, end?: () => void): () => void;
  /** Ends every open stream (shutdown: an open progress page must not hold the server open). */
  closeAll(): void;
}

/** The summary of a finished build, as admins read it. */
function summaryText(summary: BuildSummary): string {
  const changes = [
    summary.added.length > 0 ? `新增 ${summary.added.length}` : '',
    summary.changed.length > 0 ? `更新 ${summary.changed.length}` : '',
    summary.removed.length > 0 ? `删除 ${summary.removed.length}` : '',
    summary.skipped.length > 0
      ? `跳过 ${summary.skipped.length}（${summary.skipped.map((item) => `${item.file}：${item.reason}`).join('；')}）`
      : '',
  ].filter((part) => part !== '');
  return `完成：${summary.documents} 份文档，${summary.chunks} 个片段，新算向量 ${summary.embedded} 个${changes.length > 0 ? `；${changes.join('，')}` : ''}；用时 ${summary.seconds.toFixed(1)} 秒。`;
}

/** The job tracker; `now` stamps finished jobs. */
export function createJobs(now: () => number, describe: (error: unknown) => string): Jobs {
  let state: JobState = {};
  const listeners = new Set<(state: JobState) => void>();
  const enders = new Set<() => void>();
  const publish = (next: JobState): void => {
    state = next;
    for (const listener of [...listeners]) listener(state);
  };
  return {
    state: () => state,
    start(action, name, work, onEnd) {
      if (state.running) throw new ConsoleError('busy', 'another document change is running');
      publish({ ...state, running: { action, name, progress: { stage: 'reading', done: 0, total: 0 } } });
      const finish = (ok: boolean, text: string): void => {
        publish({ last: { action, name, ok, text, at: now() } });
        onEnd?.(ok, text);
      };
      work((progress) => publish({ ...state, running: { action, name, progress } })).then(
        (summary) => finish(true, summaryText(summary)),
        (error: unknown) => finish(false, describe(error)),
      );
    },
    listen(listener, end) {
      listeners.add(listener);
      if (end) enders.add(end);
      return () => {
        listeners.delete(listener);
        if (end) enders.delete(end);
      };
    },
    closeAll() {
      for (const end of [...enders]) end();
    },
  };
}
