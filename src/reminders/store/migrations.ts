import type { Migration } from '../../postgres/index.js';

/** A send log's table (the reminders' and the notices' have one each, of this shape). */
export function sendLogTableSql(table: string): string {
  return `
      CREATE TABLE ${table} (
        id bigserial PRIMARY KEY,
        entry text NOT NULL,
        occurrence text NOT NULL,
        chat text NOT NULL,
        type text NOT NULL,
        record jsonb NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX ${table}_key ON ${table} (entry, occurrence, chat);
    `;
}

/** The reminders' tables in PostgreSQL: the fenced send log and the admins' state (the lease table is in lark's version 1). */
export const remindersMigrations: Migration[] = [
  {
    version: 2,
    name: 'reminder send log',
    sql: sendLogTableSql('reminder_log'),
  },
  {
    version: 3,
    name: 'reminder admin state',
    sql: `
      CREATE TABLE reminder_state (
        only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
