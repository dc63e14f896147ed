import type { AnswerRecords } from './answer-records.js';
import type { AuditLog } from './audit-log.js';
import type { DedupeStore } from './dedupe-store.js';
import type { FeedbackLog } from './feedback-log.js';
import type { QuestionLog } from './question-log.js';
import type { ProfileStore } from '../../match/index.js';

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
