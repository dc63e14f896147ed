import { closeSync, existsSync, fsync, fsyncSync, mkdirSync, openSync, readFileSync, rename, write, writeFile } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const writeText = promisify((fd: number, text: string, done: (error: NodeJS.ErrnoException | null) => void) => write(fd, text, (error) => done(error)));
const syncFile = promisify(fsync);
const renameFile = promisify(rename);
const writeWhole = promisify(writeFile);

/**
 * An append-only JSON-lines file. `append` resolves once the line is on disk (fsync); appends made
 * while a write is under way are committed together, so the event loop never blocks on the disk.
 */
export interface JsonLinesFile {
  append(record: unknown): Promise<void>;
  /** Replaces the whole file atomically (write aside, fsync, rename) with what `snapshot` returns when it runs. */
  rewrite(snapshot: () => unknown[]): Promise<void>;
  close(): Promise<void>;
}

/** Every parseable line of a JSON-lines file; a torn last line (crash mid-write) is skipped. */
export function readJsonLines(file: string): unknown[] {
  if (!existsSync(file)) return [];
  const records: unknown[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line));
    } catch {
      // a partial line from an interrupted append: ignore it
    }
  }
  return records;
}

/** Makes a rename durable; some platforms cannot fsync a directory, and the rename is atomic anyway. */
function syncDirectory(directory: string): void {
  try {
    const descriptor = openSync(directory, 'r');
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // best effort
  }
}

const toLines = (records: unknown[]): string => records.map((record) => `${JSON.stringify(record)}\n`).join('');

/** Opens (creating its folder) a JSON-lines file for durable appends. */
export function openJsonLines(file: string): JsonLinesFile {
  mkdirSync(dirname(file), { recursive: true });
  let handle = openSync(file, 'a');
  let pending: string[] = [];
  /** Every disk operation runs in this chain, one at a time. */
  let chain: Promise<void> = Promise.resolve();
  let nextFlush: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    nextFlush = undefined;
    const text = pending.join('');
    pending = [];
    if (text === '') return;
    await writeText(handle, text);
    await syncFile(handle);
  };
  const enqueue = (operation: () => Promise<void>): Promise<void> => {
    const run = chain.then(operation, operation);
    chain = run.catch(() => undefined);
    return run;
  };

  return {
    append(record) {
      pending.push(`${JSON.stringify(record)}\n`);
      nextFlush ??= enqueue(flush);
      return nextFlush;
    },
    rewrite(snapshot) {
      return enqueue(async () => {
        await flush();
        const aside = `${file}.tmp`;
        await writeWhole(aside, toLines(snapshot()), { flush: true });
        closeSync(handle);
        await renameFile(aside, file);
        syncDirectory(dirname(file));
        handle = openSync(file, 'a');
      });
    },
    close() {
      return enqueue(async () => {
        await flush();
        closeSync(handle);
      });
    },
  };
}
