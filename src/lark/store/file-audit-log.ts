import { join } from 'node:path';
import { openJsonLines, readJsonLines, type JsonLinesFile } from '../../files/index.js';
import { newestEntries, type AuditLog } from './audit-log.js';

/** `DATA_DIR/audit.jsonl`: append-only, one fsync'd JSON line per admin action. */
export function openAuditLog(dataDir: string): AuditLog {
  const path = join(dataDir, 'audit.jsonl');
  const file: JsonLinesFile = openJsonLines(path);
  return {
    record: (entry) => file.append(entry),
    recent: async (limit) => newestEntries(readJsonLines(path), limit),
    close: () => file.close(),
  };
}
