import { join } from 'node:path';
import type { Clock } from '../../clock/index.js';
import { openJsonLines, readJsonLines, type JsonLinesFile } from '../../files/index.js';
import {
  DEFAULT_RETENTION_DAYS,
  foldQuestionLines,
  retentionCutoff,
  STORED_ANSWER_CHARS,
  type QuestionEntry,
  type QuestionLog,
} from './question-log.js';

/** `DATA_DIR/questions.jsonl`, held in memory; expired entries are dropped from the file when it is opened. */
export function openQuestionLog(dataDir: string, clock: Pick<Clock, 'now'>, retentionDays = DEFAULT_RETENTION_DAYS): QuestionLog {
  const path = join(dataDir, 'questions.jsonl');
  const lines = readJsonLines(path);
  const entries = foldQuestionLines(lines, retentionCutoff(clock.now(), retentionDays));
  const file: JsonLinesFile = openJsonLines(path);
  const snapshot = (): unknown[] => [...entries.values()];
  if (lines.length > entries.size) void file.rewrite(snapshot);
  const live = (since?: string): QuestionEntry[] => {
    const cutoff = retentionCutoff(clock.now(), retentionDays);
    const from = since && since > cutoff ? since : cutoff;
    return [...entries.values()].filter((entry) => entry.time >= from).sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  };
  return {
    record(entry) {
      const full = { ...entry, answer: entry.answer.slice(0, STORED_ANSWER_CHARS), up: 0, down: 0 };
      entries.set(entry.id, full);
      return file.append(full);
    },
    async vote(id, vote) {
      const entry = entries.get(id);
      if (!entry) return;
      entry[vote] += 1;
      await file.append({ vote, id });
    },
    list: async (since) => live(since),
    async deleteChat(chatId) {
      const doomed = [...entries.values()].filter((entry) => entry.chatId === chatId);
      for (const entry of doomed) entries.delete(entry.id);
      await file.rewrite(snapshot);
      return doomed.length;
    },
    close: () => file.close(),
  };
}
