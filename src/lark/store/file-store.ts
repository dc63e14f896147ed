import { z } from 'zod';
import type { Clock } from '../../clock/index.js';
import { openJsonLines, readJsonLines } from '../../files/index.js';

/** A small durable key-value map with expiry: survives restarts, bounded in entries and file size. */
export interface FileStore<V> {
  get(key: string): V | undefined;
  /** `expiresAt` is an absolute time in ms; resolves once the entry is on disk (readable at once). */
  set(key: string, value: V, expiresAt: number): Promise<void>;
  /** The live entries (not expired), oldest first. */
  entries(): Array<[string, V]>;
  readonly size: number;
  close(): Promise<void>;
}

const lineSchema = z.object({ k: z.string(), v: z.unknown(), e: z.number() });

/** Where a FileStore lives, how big it may grow, and how its values are checked on load. */
interface FileStoreOptions<V> {
  file: string;
  /** Oldest entries are evicted beyond this many. */
  maxEntries: number;
  clock: Clock;
  /** Validates a stored value when the file is read back (zod at the edge). */
  parse: (value: unknown) => V | undefined;
}

/**
 * Loads the file (latest line per key wins, expired entries dropped), then appends one line per `set`
 * (fsync'd, group-committed); the file is compacted when it holds more than twice the live entries.
 */
export function createFileStore<V>(options: FileStoreOptions<V>): FileStore<V> {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  const now = options.clock.now();
  let lines = 0;
  for (const record of readJsonLines(options.file)) {
    lines += 1;
    const parsed = lineSchema.safeParse(record);
    if (!parsed.success || parsed.data.e <= now) continue;
    const value = options.parse(parsed.data.v);
    if (value === undefined) continue;
    entries.delete(parsed.data.k);
    entries.set(parsed.data.k, { value, expiresAt: parsed.data.e });
  }
  const evict = (): void => {
    for (const key of entries.keys()) {
      if (entries.size <= options.maxEntries) break;
      entries.delete(key);
    }
  };
  evict();
  const file = openJsonLines(options.file);
  const compact = (): Promise<void> => {
    lines = entries.size;
    return file.rewrite(() => {
      const live = options.clock.now();
      for (const [key, entry] of entries) if (entry.expiresAt <= live) entries.delete(key);
      return [...entries].map(([k, entry]) => ({ k, v: entry.value, e: entry.expiresAt }));
    });
  };
  if (lines > 2 * entries.size + 1000) void compact();

  return {
    get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt <= options.clock.now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.value;
    },
    async set(key, value, expiresAt) {
      entries.delete(key);
      entries.set(key, { value, expiresAt });
      evict();
      lines += 1;
      const written = file.append({ k: key, v: value, e: expiresAt });
      if (lines > 2 * entries.size + 1000) void compact();
      await written;
    },
    entries() {
      const now = options.clock.now();
      return [...entries].filter(([, entry]) => entry.expiresAt > now).map(([key, entry]) => [key, entry.value]);
    },
    get size() {
      return entries.size;
    },
    close() {
      return file.close();
    },
  };
}

/** A FileStore's `parse` from a zod schema: a value that does not match is dropped. */
export function parseWith<T>(schema: z.ZodType<T>): (value: unknown) => T | undefined {
  return (value) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? parsed.data : undefined;
  };
}
