import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { z } from 'zod';

/** Why a stored file could not be read as what it should hold; the store turns it into its own error. */
export class FileFormatError extends Error {
  override readonly name = 'FileFormatError';
  constructor(
    readonly code: 'not-json' | 'invalid',
    readonly file: string,
    /** For `invalid`: each schema problem as `path: message`. */
    readonly issues: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(code === 'not-json' ? `${file} is not valid JSON` : `${file} does not hold what it should`, options);
  }
}

/** Makes a rename durable; some platforms cannot fsync a directory, and the rename is atomic anyway. */
export function syncDirectory(directory: string): void {
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

const bytes = (content: string | Uint8Array): Uint8Array => (typeof content === 'string' ? Buffer.from(content) : content);

/** How `writeFileAtomic` writes. */
interface AtomicWriteOptions {
  /** The file written aside before the rename; `<file>.tmp` unless two processes may write at once. */
  temporary?: string;
  /** fsync the data and the folder (default). Off only where losing the last write costs nothing. */
  durable?: boolean;
}

/** Replaces `file` (creating its folder) so that a crash leaves the old content or the new, never a mix. */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const { temporary = `${file}.tmp`, durable = true } = options;
  mkdirSync(dirname(file), { recursive: true });
  const handle = openSync(temporary, 'w');
  try {
    writeSync(handle, bytes(content));
    if (durable) fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  renameSync(temporary, file);
  if (durable) syncDirectory(dirname(file));
}

/** A file opened for appends, each batch on disk (fsync) before `append` returns. */
interface DurableAppendFile {
  append(...chunks: Array<string | Uint8Array>): void;
  close(): void;
}

/** Opens `file` for durable appends: its folder and the file itself are made at the first append. */
export function openDurableAppend(file: string): DurableAppendFile {
  let handle: number | undefined;
  return {
    append(...chunks) {
      // the folder is made at the first write: opening a log that is only read creates nothing
      if (handle === undefined) {
        mkdirSync(dirname(file), { recursive: true });
        handle = openSync(file, 'a');
      }
      for (const chunk of chunks) writeSync(handle, bytes(chunk));
      fsyncSync(handle);
    },
    close() {
      if (handle !== undefined) closeSync(handle);
      handle = undefined;
    },
  };
}

/** The JSON in `file` as `schema` reads it, undefined when there is no file; FileFormatError when corrupt. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>): T | undefined {
  if (!existsSync(file)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new FileFormatError('not-json', file, [], { cause: error });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new FileFormatError(
      'invalid',
      file,
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  return parsed.data;
}
