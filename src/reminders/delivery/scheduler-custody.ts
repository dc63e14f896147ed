import { acquireDataLock, type DataLock, type LockOptions } from './data-lock.js';
import type { Lease } from '../store/lease-lock.js';
import type { SendRecord } from './ledger.js';
import type { SchedulerLease } from '../store/lease-lock.js';
import type { SendLog } from '../store/send-log.js';

/** Who may send now: this process alone (the data-directory lock) or the holder of the shared lease. */
export interface Custody {
  /** Keeps the lock or lease (refreshing it); false when another instance holds the lease. */
  hold(): Promise<boolean>;
  /** Takes the data-directory lock at start, so a second process on the same folder fails at once. */
  takeAtStart(): void;
  /** The lease the send-log writes are fenced with (several instances). */
  readonly lease: Lease | undefined;
  release(): Promise<void>;
}

/** The file log's records at start (the file log reads synchronously; a shared log is read at the first tick). */
function readNow(log: SendLog): SendRecord[] {
  const records = log.read();
  return Array.isArray(records) ? records : [];
}

/**
 * The scheduler's custody of the send log. On taking it (lock at start, or a new lease token) the
 * log is read again through `onTaken`, since its last holder may have extended it.
 */
export function createCustody(deps: {
  directory: string;
  lockOptions?: LockOptions | undefined;
  lease?: SchedulerLease | undefined;
  log: SendLog;
  onTaken: (records: SendRecord[]) => void;
}): Custody {
  let lock: DataLock | undefined;
  let lease: Lease | undefined;
  const holdLease = async (shared: SchedulerLease): Promise<boolean> => {
    const held = await shared.lock.acquire(shared.name, shared.holder, shared.ttlMs);
    if (held && held.token !== lease?.token) deps.onTaken(await deps.log.read());
    lease = held;
    return held !== undefined;
  };
  const holdLock = async (): Promise<boolean> => {
    if (lock) {
      try {
        lock.touch();
        return true;
      } catch (error) {
        lock = undefined;
        throw error;
      }
    }
    lock = acquireDataLock(deps.directory, deps.lockOptions);
    deps.onTaken(await deps.log.read());
    return true;
  };
  return {
    hold: () => (deps.lease ? holdLease(deps.lease) : holdLock()),
    takeAtStart() {
      if (deps.lease) return;
      lock = acquireDataLock(deps.directory, deps.lockOptions);
      deps.onTaken(readNow(deps.log));
    },
    get lease() {
      return lease;
    },
    async release() {
      lock?.release();
      lock = undefined;
      if (lease && deps.lease) await deps.lease.lock.release(lease);
      lease = undefined;
    },
  };
}
