import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log/index.js';

export interface DocsWatcher {
  close(): void;
}

/**
 * Calls `onChange` once the folder has been quiet for `debounceMs` after a change (a copy of many
 * files is one re-index, not many). Hidden files are ignored: uploads in progress are written as
 * `.upload-*` and renamed, and editors keep swap files there.
 */
export function watchDocs(options: {
  directory: string;
  debounceMs: number;
  onChange: () => Promise<unknown>;
  logger: Logger;
}): DocsWatcher {
  const { directory, debounceMs, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const fire = (): void => {
    timer = undefined;
    options.onChange().catch((error: unknown) => logger.error('admin.watch_reindex_failed', { error }));
  };
  watcher = watch(directory, { recursive: true }, (_event, file) => {
    const name = typeof file === 'string' ? file : '';
    if (name.split(/[/\\]/).some((part) => part.startsWith('.'))) return;
    clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
  });
  watcher.on('error', (error) => logger.error('admin.watch_failed', { directory, error }));
  logger.info('admin.watching', { directory, debounceMs });
  return {
    close() {
      clearTimeout(timer);
      watcher?.close();
      watcher = undefined;
    },
  };
}
