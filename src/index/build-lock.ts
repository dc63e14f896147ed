import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { IndexError } from './errors.js';

const holderSchema = z.object({ pid: z.number().int(), host: z.string(), startedAt: z.string() });

/** Who builds into an INDEX_DIR now, as written in its lock file. */
type BuildLockHolder = z.infer<typeof holderSchema>;

/** A held build lock; `release` is idempotent. */
interface BuildLock {
  readonly file: string;
  release(): void;
}

/** `kill(pid, 0)`: true when the process exists (EPERM: it exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): BuildLockHolder | undefined {
  try {
    return holderSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** The people-facing refusal, shown by the CLI and the chat alike. */
function busyMessage(holder: BuildLockHolder): string {
  return `另一个索引任务正在进行（pid ${holder.pid}，开始于 ${holder.startedAt}）`;
}

/**
 * Takes INDEX_DIR/build.lock (O_EXCL), or throws IndexError('busy') naming the holder at once: a second
 * build would embed for minutes and then race the first one's switch. A lock whose process is gone
 * (same host) is taken over; one of another host is honoured, as we cannot see its processes.
 */
export function acquireBuildLock(indexDir: string, isAlive: (pid: number) => boolean = processAlive): BuildLock {
  mkdirSync(indexDir, { recursive: true });
  const file = join(indexDir, 'build.lock');
  const me: BuildLockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = openSync(file, 'wx');
      try {
        writeSync(handle, JSON.stringify(me));
      } finally {
        closeSync(handle);
      }
      return lockHandle(file, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(file);
    // An unreadable lock is a holder that died between create and write (or garbage): taken over.
    if (holder && (holder.host !== me.host || isAlive(holder.pid))) throw new IndexError('busy', busyMessage(holder));
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
      unlinkSync(aside);
    } catch {
      // another process took it over first; the next attempt sees its lock
    }
  }
  const holder = readHolder(file);
  throw new IndexError('busy', holder ? busyMessage(holder) : `${file}: could not take the build lock`);
}

function lockHandle(file: string, me: BuildLockHolder): BuildLock {
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const holder = readHolder(file);
      if (holder?.pid === me.pid && holder.startedAt === me.startedAt) unlinkSync(file);
    },
  };
}
