import { spawn, type ChildProcess } from 'node:child_process';
import { utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataLock } from '../../src/reminders/index.js';
import { temporaryDirectory } from './support/fixtures.js';

const PROJECT = join(import.meta.dirname, '..', '..');

let directory: { path: string; remove: () => void };
beforeEach(() => {
  directory = temporaryDirectory('reminders-lock-');
});
afterEach(() => directory.remove());

function writeOwner(owner: { pid: number; host?: string; token?: string }, ageMs = 0): void {
  const file = join(directory.path, 'scheduler.lock');
  writeFileSync(file, JSON.stringify({ host: hostname(), token: 'other', startedAt: '2026-11-23T00:00:00Z', ...owner }));
  const time = new Date(Date.now() - ageMs);
  utimesSync(file, time, time);
}

/** Starts a process that holds the lock; resolves once it says whether it got it. */
function holder(): Promise<{ child: ChildProcess; said: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'support', 'hold-lock.ts'), directory.path], {
    cwd: PROJECT,
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (data: Buffer) => resolve({ child, said: data.toString().trim() }));
    child.once('error', reject);
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('data directory lock', () => {
  it('is exclusive, names its holder, and can be taken again once released', () => {
    const lock = acquireDataLock(directory.path);
    expect(() => acquireDataLock(directory.path)).toThrow(new RegExp(`held by pid ${process.pid}`));
    lock.release();
    acquireDataLock(directory.path).release();
  });

  it('takes over a lock whose process is gone, or whose heartbeat is stale', () => {
    writeOwner({ pid: 999_999 });
    acquireDataLock(directory.path, { isAlive: () => false }).release();
    writeOwner({ pid: 4242 }, 11 * 60_000);
    acquireDataLock(directory.path, { isAlive: () => true }).release();
    writeOwner({ pid: process.pid, token: 'a-previous-life' }); // same pid after a container restart
    acquireDataLock(directory.path).release();
  });

  it('respects a live holder, another host with a fresh heartbeat, and a lock file being written', () => {
    writeOwner({ pid: 4242 });
    expect(() => acquireDataLock(directory.path, { isAlive: () => true })).toThrow(/held by pid 4242/);
    writeOwner({ pid: 4242, host: 'another-host' });
    expect(() => acquireDataLock(directory.path, { isAlive: () => false })).toThrow(/on another-host/);
    writeFileSync(join(directory.path, 'scheduler.lock'), '{"pid": 12');
    expect(() => acquireDataLock(directory.path)).toThrow(/a process that is starting/);
  });

  it('notices when it has been taken over', () => {
    const lock = acquireDataLock(directory.path);
    writeOwner({ pid: 4242, token: 'thief' });
    expect(() => lock.verify()).toThrow(expect.objectContaining({ code: 'lock-lost' }));
    lock.release(); // leaves the thief's file alone
    expect(() => acquireDataLock(directory.path, { isAlive: () => true })).toThrow(/held by pid 4242/);
  });

  it('two processes: the second is refused while the first lives, and takes over once it is killed', async () => {
    const first = await holder();
    expect(first.said).toBe('held');
    const second = await holder();
    expect(second.said).toBe('refused locked');
    expect(() => acquireDataLock(directory.path)).toThrow(/held by pid/);
    first.child.kill('SIGKILL');
    await exited(first.child);
    const third = await holder();
    expect(third.said).toBe('held');
    third.child.kill('SIGKILL');
    await Promise.all([exited(third.child), exited(second.child)]);
  });
});
