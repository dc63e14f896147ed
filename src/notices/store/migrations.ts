import type { Migration } from '../../postgres/index.js';
import { sendLogTableSql } from '../../reminders/index.js';

/**
 * The notices' tables in PostgreSQL: their state, and a send log of the reminders' shape (written by
 * the reminders' PostgreSQL send log with `table: 'notice_log'`; the lease is in lark's version 1).
 */
export const noticesMigrations: Migration[] = [
  {
    // numbered apart from the others' so parallel branches do not collide
    version: 301,
    name: 'notices state and send log',
    sql:
      `
      CREATE TABLE notices_state (
        only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    ` + sendLogTableSql('notice_log'),
  },
];
