import type { Migration } from '../../postgres/index.js';

/**
 * The lark layer's tables in PostgreSQL (STORE=postgres): claims, answer records, feedback, audit and
 * the console's questions. Times are the database's (`now()`), so instances with skewed clocks still
 * agree on when a claim has expired. Version 1 also made `leases` and `lease_tokens`, which the
 * reminders' lease lock uses: it predates storage per layer, and a version is never rewritten.
 */
export const larkMigrations: Migration[] = [
  {
    version: 1,
    name: 'coordination',
    sql: `
      CREATE TABLE claims (
        key text PRIMARY KEY,
        owner text NOT NULL,
        state text NOT NULL CHECK (state IN ('processing', 'done')),
        payload jsonb,
        attempts integer NOT NULL DEFAULT 1,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX claims_expired ON claims (state, expires_at);
      CREATE SEQUENCE lease_tokens;
      CREATE TABLE leases (
        name text PRIMARY KEY,
        holder text NOT NULL,
        token bigint NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        time timestamptz NOT NULL,
        actor text NOT NULL,
        chat_id text NOT NULL,
        action text NOT NULL,
        args text NOT NULL,
        result text NOT NULL,
        detail text,
        request_id text
      );
      CREATE TABLE feedback (
        id bigserial PRIMARY KEY,
        time timestamptz NOT NULL,
        vote text NOT NULL,
        user_id text NOT NULL,
        chat_id text NOT NULL,
        question_message_id text NOT NULL,
        entry jsonb NOT NULL
      );
      CREATE TABLE answer_records (
        question_message_id text PRIMARY KEY,
        record jsonb NOT NULL,
        expires_at timestamptz NOT NULL
      );
    `,
  },
  {
    // numbered apart from the others' so parallel branches do not collide (versions are a set, not a sequence)
    version: 201,
    name: 'console question log',
    sql: `
      CREATE TABLE console_questions (
        id text PRIMARY KEY,
        time timestamptz NOT NULL,
        chat_id text NOT NULL,
        entry jsonb NOT NULL,
        up integer NOT NULL DEFAULT 0,
        down integer NOT NULL DEFAULT 0
      );
      CREATE INDEX console_questions_time ON console_questions (time);
      CREATE INDEX console_questions_chat ON console_questions (chat_id);
      CREATE INDEX feedback_chat ON feedback (chat_id);
      CREATE INDEX audit_log_time ON audit_log (time);
    `,
  },
];
