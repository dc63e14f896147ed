import { join } from 'node:path';
import { openJsonLines, type JsonLinesFile } from './json-lines.js';

/** One admin action: who did what, when, where, and how it ended. */
export interface AuditEntry {
  time: string;
  /** The admin's open_id. */
  actor: string;
  chatId: string;
  /** The command (`reindex`, `subscribe`, `unsubscribe`, `remind add`, … `upload` later). */
  action: string;
  /** The command's arguments as typed. */
  args: string;
  result: 'ok' | 'failed';
  /** The reply's text, or why it failed. */
  detail?: string;
  requestId?: string;
}

/** Where admin actions are recorded. Refused non-admin attempts are not admin actions (they are logged). */
export interface AuditLog {
  /** Resolves once the entry is durable. */
  record(entry: AuditEntry): Promise<void>;
  close(): Promise<void>;
}

/** `DATA_DIR/audit.jsonl`: append-only, one fsync'd JSON line per admin action. */
export function openAuditLog(dataDir: string): AuditLog {
  const file: JsonLinesFile = openJsonLines(join(dataDir, 'audit.jsonl'));
  return { record: (entry) => file.append(entry), close: () => file.close() };
}
