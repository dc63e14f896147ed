import { z } from 'zod';
import { parseJsonLines } from '../../files/index.js';
import type { Logger } from '../../log/index.js';
import type { SendRecord } from '../delivery/ledger.js';
import type { Lease } from './lease-lock.js';

const keySchema = z.object({ entry: z.string(), occurrence: z.string(), chat: z.string() });
const base = { key: keySchema, uuid: z.string(), scheduledAt: z.number(), at: z.number() };
export const sendRecordSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('attempt'), ...base }),
  z.object({ type: z.literal('sent'), ...base, messageId: z.string() }),
  z.object({ type: z.literal('failed'), ...base, code: z.string(), retryable: z.boolean(), message: z.string() }),
  z.object({ type: z.literal('skipped'), ...base, reason: z.enum(['missed', 'expired', 'paused', 'gave-up', 'rejected']) }),
]);

/**
 * The append-only record of every send decision; the scheduler's memory across restarts. The file
 * log is synchronous; a shared log (PostgreSQL) answers with promises and may refuse a write whose
 * `fence` (the scheduler's lease) is no longer current.
 */
export interface SendLog {
  /** Appends one record and returns (or resolves) only once it is durable. Throws if it cannot. */
  append(record: SendRecord, fence?: Lease): void | Promise<void>;
  /** Every valid record, oldest first. */
  read(): SendRecord[] | Promise<SendRecord[]>;
  close(): void | Promise<void>;
}

/** Parses log text; a torn last line (crash mid-append) or a corrupt line is skipped with a warning. */
export function parseSendLog(text: string, logger?: Logger, file = 'send-log'): SendRecord[] {
  return parseJsonLines(text, sendRecordSchema, ({ line, reason, detail }) =>
    reason === 'torn'
      ? logger?.warn('reminders.log.torn_line', { file, line })
      : logger?.warn('reminders.log.invalid_line', { file, line, reason: detail }),
  );
}
