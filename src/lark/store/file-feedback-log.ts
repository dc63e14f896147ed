import { join } from 'node:path';
import { openJsonLines, readJsonLines, type JsonLinesFile } from '../../files/index.js';
import type { FeedbackLog } from './feedback-log.js';

const chatOf = (line: unknown): unknown => (typeof line === 'object' && line !== null && 'chatId' in line ? line.chatId : undefined);
const timeOf = (line: unknown): unknown => (typeof line === 'object' && line !== null && 'time' in line ? line.time : undefined);

/**
 * Opens the feedback log in the data directory; with `keepSince` (an ISO time: the retention cutoff),
 * older votes are dropped from the file now.
 */
export function openFeedbackLog(dataDir: string, keepSince?: string): FeedbackLog {
  const path = join(dataDir, 'feedback.jsonl');
  const file: JsonLinesFile = openJsonLines(path);
  const kept = (keep: (line: unknown) => boolean) => () => readJsonLines(path).filter(keep);
  if (keepSince !== undefined && readJsonLines(path).some((line) => String(timeOf(line)) < keepSince)) {
    void file.rewrite(kept((line) => String(timeOf(line)) >= keepSince));
  }
  return {
    record: (entry) => file.append(entry),
    async deleteChat(chatId) {
      const before = readJsonLines(path).length;
      let after = before;
      await file.rewrite(() => {
        const lines = readJsonLines(path).filter((line) => chatOf(line) !== chatId);
        after = lines.length;
        return lines;
      });
      return before - after;
    },
    close: () => file.close(),
  };
}
