import { closeSync, existsSync, fsync, mkdirSync, openSync, readFileSync, rename, write, writeFile } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import type { z } from 'zod';
import { syncDirectory } from './durable-file.js';

const writeText = promisify((fd: number, text: string, done: (error: NodeJS.ErrnoException | null) => void) =>
  write(fd, text, (error) => done(error)),
);
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

/** A line `parseJsonLines` skipped: `torn` (not JSON: a crash mid-append) or `invalid` (JSON the schema refused). */
export interface SkippedLine {
  line: number;
  reason: 'torn' | 'invalid';
  detail?: string;
}

/** The lines of JSON-lines text that `schema` accepts; the others are reported to `onSkipped` and left out. */
export function parseJsonLines<T>(text: string, schema: z.ZodType<T>, onSkipped?: (skipped: SkippedLine) => void): T[] {
  const records: T[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      onSkipped?.({ line: index + 1, reason: 'torn' });
      return;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) records.push(parsed.data);
    else onSkipped?.({ line: index + 1, reason: 'invalid', ...(parsed.error.issues[0] ? { detail: parsed.error.issues[0].message } : {}) });
  });
  return records;
}

/** Every parseable line of a JSON-lines file, unchecked (the store reads each); a torn last line (crash mid-write) is skipped. */
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
