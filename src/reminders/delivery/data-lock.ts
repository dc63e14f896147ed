import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { systemClock } from '../../clock/index.js';
import { RemindersError } from '../errors.js';

const ownerSchema = z.object({ pid: z.number(), host: z.string(), token: z.string(), startedAt: z.string() });
type Owner = z.infer<typeof ownerSchema>;

/** An exclusive lock on the reminders data directory: only its holder sends. */
export interface DataLock {
  readonly file: string;
  /** Throws RemindersError('lock-lost') when the file no longer names this holder. */
  verify(): void;
  /** Refreshes the heartbeat (the file's mtime). */
  touch(): void;
  release(): void;
}

export interface LockOptions {
  /** A holder whose heartbeat is older than this is stale even if its pid is in use (pid reuse, other hosts). Default 10 min. */
  staleMs?: number;
  /** Whether a pid is a running process (tests replace it). */
  isAlive?: (pid: number) => boolean;
}

/** `kill(pid, 0)`: true when the process exists (EPERM: exists, owned by someone else). */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Tokens of the locks this process holds: our own pid in a lock file is only stale when the token is not here. */
const heldHere = new Set<string>();

/** File ages are measured against mtimes, which the file system stamps from the wall clock: so the system clock, never an injected one. */
function readOwner(file: string): { owner?: Owner; ageMs: number } | undefined {
  try {
    const ageMs = systemClock.now() - statSync(file).mtimeMs;
    try {
      const owner = ownerSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
      return { owner, ageMs };
    } catch {
      return { ageMs };
    }
  } catch {
    return undefined;
  }
}

function isStale(found: { owner?: Owner; ageMs: number }, staleMs: number, isAlive: (pid: number) => boolean): boolean {
  const { owner, ageMs } = found;
  if (!owner) return ageMs > 10_000; // half-written by a holder that died at once, or garbage
  if (ageMs > staleMs) return true;
  if (owner.host !== hostname()) return false;
  if (owner.pid === process.pid) return !heldHere.has(owner.token); // our pid, unknown token: a previous life (pid 1 in a container)
  return !isAlive(owner.pid);
}

/**
 * Takes `scheduler.lock` in the directory (created with O_EXCL, holding pid, host and a token), or
 * throws RemindersError('locked') naming the holder. A stale lock (holder gone, or heartbeat older than
 * `staleMs`) is moved aside and taken over; the move is checked so two takers cannot both win.
 */
export function acquireDataLock(directory: string, options: LockOptions = {}): DataLock {
  mkdirSync(directory, { recursive: true });
  const file = join(directory, 'scheduler.lock');
  const staleMs = options.staleMs ?? 10 * 60_000;
  const isAlive = options.isAlive ?? processAlive;
  const me: Owner = { pid: process.pid, host: hostname(), token: randomUUID(), startedAt: new Date(systemClock.now()).toISOString() };
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const handle = openSync(file, 'wx');
      try {
        writeSync(handle, JSON.stringify(me));
        fsyncSync(handle);
      } finally {
        closeSync(handle);
      }
      heldHere.add(me.token);
      return lockHandle(file, me);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const found = readOwner(file);
    if (!found) continue;
    if (!isStale(found, staleMs, isAlive)) {
      const holder = found.owner
        ? `pid ${found.owner.pid} on ${found.owner.host} since ${found.owner.startedAt}`
        : 'a process that is starting';
      throw new RemindersError(
        'locked',
        `${file} is held by ${holder}: another policy-bot is sending reminders from this data directory (delete the file only if none runs)`,
      );
    }
    const aside = `${file}.stale-${me.token}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (found.owner && moved?.owner?.token !== found.owner.token) {
      renameSync(aside, file); // someone else took it over in between: put theirs back
      continue;
    }
    unlinkSync(aside);
  }
  throw new RemindersError('locked', `${file}: could not take the lock (contended)`);
}

function lockHandle(file: string, me: Owner): DataLock {
  let released = false;
  const verify = (): void => {
    const found = readOwner(file);
    if (released || found?.owner?.token !== me.token) throw new RemindersError('lock-lost', `${file} is no longer held by this process`);
  };
  return {
    file,
    verify,
    touch() {
      verify();
      const now = new Date(systemClock.now());
      utimesSync(file, now, now);
    },
    release() {
      if (released) return;
      try {
        verify();
        unlinkSync(file);
      } catch {
        // not ours any more: leave it to its holder
      }
      released = true;
      heldHere.delete(me.token);
    },
  };
}
