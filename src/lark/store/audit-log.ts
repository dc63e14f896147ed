import { z } from 'zod';

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
  detail?: string | undefined;
  requestId?: string | undefined;
}

/** Where admin actions are recorded. Refused non-admin attempts are not admin actions (they are logged). */
export interface AuditLog {
  /** Resolves once the entry is durable. */
  record(entry: AuditEntry): Promise<void>;
  /** The latest `limit` entries, newest first (the console's audit page). */
  recent(limit: number): Promise<AuditEntry[]>;
  close(): Promise<void>;
}

const auditEntrySchema = z.object({
  time: z.string(),
  actor: z.string(),
  chatId: z.string(),
  action: z.string(),
  args: z.string(),
  result: z.enum(['ok', 'failed']),
  detail: z.string().optional(),
  requestId: z.string().optional(),
});

/** Entries that parse, newest first, at most `limit`. */
export function newestEntries(lines: unknown[], limit: number): AuditEntry[] {
  return lines
    .flatMap((line) => {
      const parsed = auditEntrySchema.safeParse(line);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(-limit)
    .reverse();
}
