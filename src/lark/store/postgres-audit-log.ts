import type { Database } from '../../postgres/index.js';
import { newestEntries, type AuditLog } from './audit-log.js';

/** The audit log shared by every instance. */
export function postgresAuditLog(database: Database): AuditLog {
  return {
    async record(entry) {
      await database.query(
        'INSERT INTO audit_log (time, actor, chat_id, action, args, result, detail, request_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [entry.time, entry.actor, entry.chatId, entry.action, entry.args, entry.result, entry.detail ?? null, entry.requestId ?? null],
      );
    },
    async recent(limit) {
      const result = await database.query<{
        time: Date;
        actor: string;
        chat_id: string;
        action: string;
        args: string;
        result: string;
        detail: string | null;
        request_id: string | null;
      }>('SELECT time, actor, chat_id, action, args, result, detail, request_id FROM audit_log ORDER BY id DESC LIMIT $1', [limit]);
      const lines = result.rows.reverse().map((row) => ({
        time: new Date(row.time).toISOString(),
        actor: row.actor,
        chatId: row.chat_id,
        action: row.action,
        args: row.args,
        result: row.result,
        ...(row.detail !== null ? { detail: row.detail } : {}),
        ...(row.request_id !== null ? { requestId: row.request_id } : {}),
      }));
      return newestEntries(lines, limit);
    },
    close: async () => undefined,
  };
}
