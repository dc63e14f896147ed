import type { Migration } from '../../postgres/index.js';

/** The reminders' tables in PostgreSQL: the fenced send log and the admins' state (the lease table is in lark's version 1). */
export const remindersMigrations: Migration[] = [
  {
    version: 2,
    name: 'reminder send log',
    sql: `
      CREATE TABLE reminder_log (
        id bigserial PRIMARY KEY,
        entry text NOT NULL,
        occurrence text NOT NULL,
        chat text NOT NULL,
        type text NOT NULL,
        record jsonb NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX reminder_log_key ON reminder_log (entry, occurrence, chat);
    `,
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
