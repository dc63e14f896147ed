/** One schema change: applied once, in version order, recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The shared state of several bot instances. Times are the database's (`now()`), so instances with
 * skewed clocks still agree on when a claim or lease has expired.
 */
export const MIGRATIONS: Migration[] = [
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
  {
    // numbered apart from the others' so parallel branches do not collide
    version: 301,
    name: 'notices state and send log',
    sql: `
      CREATE TABLE notices_state (
        only_one boolean PRIMARY KEY DEFAULT true CHECK (only_one),
        state jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE notice_log (
        id bigserial PRIMARY KEY,
        entry text NOT NULL,
        occurrence text NOT NULL,
        chat text NOT NULL,
        type text NOT NULL,
        record jsonb NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notice_log_key ON notice_log (entry, occurrence, chat);
    `,
  },
  {
    // profiles remembered per person after they submit the /match form
    version: 1621,
    name: 'match profiles',
    sql: `
      CREATE TABLE match_profiles (
        open_id text PRIMARY KEY,
        saved jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
