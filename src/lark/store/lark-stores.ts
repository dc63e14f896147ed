import { postgresProfiles, type ProfileStore } from '../../match/index.js';
import type { Database } from '../../postgres/index.js';
import type { AnswerRecords } from './answer-records.js';
import type { AuditLog } from './audit-log.js';
import { createPostgresDedupeStore, type DedupeStore } from './dedupe-store.js';
import type { FeedbackLog } from './feedback-log.js';
import { postgresAnswerRecords } from './postgres-answer-records.js';
import { postgresAuditLog } from './postgres-audit-log.js';
import { postgresFeedbackLog } from './postgres-feedback-log.js';
import { postgresQuestionLog } from './postgres-question-log.js';
import type { QuestionLog } from './question-log.js';

/** The stores several instances share (STORE=postgres); the embedded default keeps them in DATA_DIR. */
export interface SharedStores {
  dedupe: DedupeStore;
  answerRecords: AnswerRecords;
  feedback: FeedbackLog;
  audit: AuditLog;
  /** Answered questions for the admin console (default: `DATA_DIR/questions.jsonl`). */
  questions?: QuestionLog;
  /** Profiles saved through the /match form (embedded: `DATA_DIR/match-profiles.jsonl`). */
  profiles: ProfileStore;
}

/** Everything several bot instances share, on one database; `owner` names this instance in claims. */
export function postgresSharedStores(database: Database, owner: string, questionRetentionDays?: number): SharedStores {
  return {
    dedupe: createPostgresDedupeStore(database, owner),
    answerRecords: postgresAnswerRecords(database),
    feedback: postgresFeedbackLog(database),
    audit: postgresAuditLog(database),
    questions: postgresQuestionLog(database, questionRetentionDays),
    profiles: postgresProfiles(database),
  };
}
