import { keyString, type DeliveryKey } from './delivery-key.js';

/**
 * Why a send will not happen (final): `missed` (older than the catch-up window), `expired` (late, and
 * what it reminds of has already happened), `paused`, `gave-up` (failing until the window closed),
 * `rejected` (the platform refused it three times).
 */
export type SkipReason = 'missed' | 'expired' | 'paused' | 'gave-up' | 'rejected';

/** One line of the send log. `attempt` is written before the platform is called, `sent` after it confirmed. */
export type SendRecord =
  | { type: 'attempt'; key: DeliveryKey; uuid: string; scheduledAt: number; at: number }
  | { type: 'sent'; key: DeliveryKey; uuid: string; scheduledAt: number; at: number; messageId: string }
  | { type: 'failed'; key: DeliveryKey; uuid: string; scheduledAt: number; at: number; code: string; retryable: boolean; message: string }
  | { type: 'skipped'; key: DeliveryKey; uuid: string; scheduledAt: number; at: number; reason: SkipReason };

/** `pending`: attempted with no outcome on record (the process stopped in between). */
type LedgerStatus = 'pending' | 'failed' | 'sent' | 'skipped';

/** What the log says about one delivery key. */
export interface LedgerEntry {
  key: DeliveryKey;
  status: LedgerStatus;
  attempts: number;
  scheduledAt: number;
  lastAttemptAt?: number;
  /** For `failed`: whether the last failure may succeed on retry. */
  retryable?: boolean;
  messageId?: string;
  reason?: SkipReason;
}

/** The send log folded per key: the only memory `due()` has of the past. */
export type Ledger = ReadonlyMap<string, LedgerEntry>;

/** Folds one record into the ledger in place (a final status, sent or skipped, never goes back). */
export function applyRecord(next: Map<string, LedgerEntry>, record: SendRecord): void {
  const id = keyString(record.key);
  const before = next.get(id) ?? { key: record.key, status: 'pending' as const, attempts: 0, scheduledAt: record.scheduledAt };
  if (before.status === 'sent' || before.status === 'skipped') return;
  switch (record.type) {
    case 'attempt':
      next.set(id, { ...before, status: 'pending', attempts: before.attempts + 1, lastAttemptAt: record.at });
      break;
    case 'sent':
      next.set(id, { ...before, status: 'sent', messageId: record.messageId });
      break;
    case 'failed':
      next.set(id, { ...before, status: 'failed', retryable: record.retryable });
      break;
    case 'skipped':
      next.set(id, { ...before, status: 'skipped', reason: record.reason });
      break;
  }
}

/** The ledger of a whole log. */
export function foldLog(records: readonly SendRecord[]): Map<string, LedgerEntry> {
  const ledger = new Map<string, LedgerEntry>();
  for (const record of records) applyRecord(ledger, record);
  return ledger;
}
