import type { Database } from '../../postgres/index.js';
import { RemindersError } from '../errors.js';
import type { SendRecord } from '../delivery/ledger.js';
import type { Lease } from './lease-lock.js';
import { sendRecordSchema, type SendLog } from './send-log.js';

/**
 * The tables of the same shape: the reminders' log, and the notices' (apart, so neither scheduler
 * gives up on the other's unconfirmed sends).
 */
type SendLogTable = 'reminder_log' | 'notice_log';

/**
 * The send log every instance's scheduler shares. A write carrying a fence (the scheduler's lease) is
 * refused once that lease is no longer current: a scheduler that stalled past its lease (GC pause,
 * network partition) cannot record an attempt, so it never sends alongside the new holder.
 */
export function createPostgresSendLog(database: Database, table: SendLogTable = 'reminder_log'): SendLog {
  return {
    async append(record: SendRecord, fence?: Lease) {
      const result = await database.query(
        `INSERT INTO ${table} (entry, occurrence, chat, type, record)
         SELECT $1, $2, $3, $4, $5
         WHERE $6::bigint IS NULL OR EXISTS (SELECT 1 FROM leases WHERE name = $7 AND token = $6 AND expires_at > now())`,
        [
          record.key.entry,
          record.key.occurrence,
          record.key.chat,
          record.type,
          JSON.stringify(record),
          fence?.token ?? null,
          fence?.name ?? null,
        ],
      );
      if (result.rowCount !== 1)
        throw new RemindersError('lock-lost', `the scheduler lease ${fence?.name ?? ''} (token ${fence?.token ?? '?'}) is no longer held`);
    },
    async read() {
      const result = await database.query<{ record: unknown }>(`SELECT record FROM ${table} ORDER BY id`);
      return result.rows.flatMap((row) => {
        const parsed = sendRecordSchema.safeParse(row.record);
        return parsed.success ? [parsed.data] : [];
      });
    },
    close: async () => undefined,
  };
}
