import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createFileDedupeStore,
  openAnswerRecords,
  openAuditLog,
  openFeedbackLog,
  openQuestionLog,
  retentionCutoff,
  type Clock,
  type LarkStores,
  type QuestionLog,
} from '../lark/index.js';
import { openFileProfiles } from '../match/index.js';

/** Claims kept in `lark-claims.jsonl`: far more than a day of messages. */
const CLAIM_ENTRIES = 200_000;

/**
 * The embedded default (one process): the bot's stores as files in DATA_DIR. Claims outlive a restart,
 * so a re-delivered message is not answered twice and a question in flight when the process died is
 * answered by the next run's sweep.
 */
export function openFileLarkStores(options: { dataDir: string; clock: Clock; retentionDays: number }): LarkStores {
  const { dataDir, clock, retentionDays } = options;
  mkdirSync(dataDir, { recursive: true });
  return {
    dedupe: createFileDedupeStore({ file: join(dataDir, 'lark-claims.jsonl'), clock, maxEntries: CLAIM_ENTRIES }),
    answerRecords: openAnswerRecords(dataDir, clock),
    feedback: openFeedbackLog(dataDir, retentionCutoff(clock.now(), retentionDays)),
    questions: openQuestionLog(dataDir, clock, retentionDays),
    audit: openAuditLog(dataDir),
    profiles: openFileProfiles(dataDir),
  };
}

/** The console's question log alone, in DATA_DIR (for a shared store set that has none). */
export function openFileQuestionLog(dataDir: string, clock: Clock, retentionDays: number): QuestionLog {
  mkdirSync(dataDir, { recursive: true });
  return openQuestionLog(dataDir, clock, retentionDays);
}
