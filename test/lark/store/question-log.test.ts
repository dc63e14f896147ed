import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditLog } from '../../../src/lark/store/file-audit-log.js';
import { openFeedbackLog } from '../../../src/lark/store/file-feedback-log.js';
import { openQuestionLog } from '../../../src/lark/store/file-question-log.js';
import { postgresSharedStores } from '../../../src/lark/store/lark-stores.js';
import { postgresAuditLog } from '../../../src/lark/store/postgres-audit-log.js';
import { postgresFeedbackLog } from '../../../src/lark/store/postgres-feedback-log.js';
import { postgresQuestionLog } from '../../../src/lark/store/postgres-question-log.js';
import type { QuestionLog } from '../../../src/lark/store/question-log.js';
import { testDatabase } from '../../support/postgres.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T08:00:00Z');
const iso = (ms: number): string => new Date(ms).toISOString();
const entry = (id: string, chatId: string, time: number) => ({
  id,
  time: iso(time),
  chatId,
  question: `问题 ${id}`,
  answer: 'x'.repeat(2000),
  answerable: id !== 'b',
  mode: 'extractive',
  latencyMs: 120,
  sources: [{ source: 'a.md', title: '甲' }],
});

const directories: string[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});
function temporary(): string {
  const directory = mkdtempSync(join(tmpdir(), 'questions-'));
  directories.push(directory);
  return directory;
}

/** One contract for the file log and the PostgreSQL table. */
async function contract(log: QuestionLog): Promise<void> {
  await log.record(entry('old', 'oc_1', NOW - 200 * DAY));
  await log.record(entry('a', 'oc_1', NOW - 2 * DAY));
  await log.record(entry('b', 'oc_2', NOW - DAY));
  await log.vote('b', 'down');
  await log.vote('b', 'down');
  await log.vote('a', 'up');
  await log.vote('missing', 'up');
  const listed = await log.list();
  // 180 days of retention: the 200-day-old question is gone; newest first; votes counted
  expect(listed.map((item) => [item.id, item.up, item.down])).toEqual([
    ['b', 0, 2],
    ['a', 1, 0],
  ]);
  expect(listed[0]?.answer.length).toBe(600);
  expect((await log.list(iso(NOW - 1.5 * DAY))).map((item) => item.id)).toEqual(['b']);
  expect(await log.deleteChat('oc_1')).toBeGreaterThanOrEqual(1);
  expect((await log.list()).map((item) => item.id)).toEqual(['b']);
}

describe('question log (console storage)', () => {
  it('file: retention, votes, per-chat deletion, and what a reopen keeps', async () => {
    const directory = temporary();
    const clock = { now: () => NOW };
    const log = openQuestionLog(directory, clock, 180);
    await contract(log);
    await log.close();
    const reopened = openQuestionLog(directory, clock, 180);
    expect((await reopened.list()).map((item) => [item.id, item.down])).toEqual([['b', 2]]);
    await reopened.close();
    // the deleted chat's question is no longer on disk at all
    expect(readFileSync(join(directory, 'questions.jsonl'), 'utf8')).not.toContain('oc_1');
  });

  it('PostgreSQL: the same contract on the shared table', async () => {
    const { database, drop } = await testDatabase();
    cleanups.push(drop);
    // the table's times are the database's: entries are recorded relative to now()
    const log = postgresQuestionLog(database, 180);
    const shifted: QuestionLog = {
      ...log,
      record: (item) => log.record({ ...item, time: iso(Date.now() - (NOW - Date.parse(item.time))) }),
    };
    await contract({
      ...shifted,
      list: (since) => log.list(since === undefined ? undefined : iso(Date.now() - (NOW - Date.parse(since)))),
    });
    // STORE=postgres: the bot's shared stores carry this log, so every instance's console reads one table
    const shared = postgresSharedStores(database, 'instance-2', 180).questions;
    expect((await shared?.list())?.map((item) => item.id)).toEqual(['b']);
  });

  it('feedback deletable per chat and audit readable newest first, in files and PostgreSQL', async () => {
    const directory = temporary();
    const { database, drop } = await testDatabase();
    cleanups.push(drop);
    const vote = (chatId: string) => ({
      time: iso(NOW),
      vote: 'down' as const,
      user: 'ou_1',
      chatId,
      questionMessageId: 'om_1',
      question: 'q',
      answer: 'a',
      answerable: true,
      citations: [],
    });
    for (const feedback of [openFeedbackLog(directory), postgresFeedbackLog(database)]) {
      await feedback.record(vote('oc_1'));
      await feedback.record(vote('oc_2'));
      expect(await feedback.deleteChat('oc_1')).toBe(1);
      expect(await feedback.deleteChat('oc_1')).toBe(0);
      await feedback.close();
    }
    expect(readFileSync(join(directory, 'feedback.jsonl'), 'utf8')).not.toContain('oc_1');
    for (const audit of [openAuditLog(directory), postgresAuditLog(database)]) {
      for (const action of ['reindex', 'upload', 'remove'])
        await audit.record({ time: iso(NOW), actor: 'ou_1', chatId: 'console', action, args: '', result: 'ok' });
      expect((await audit.recent(2)).map((item) => item.action)).toEqual(['remove', 'upload']);
      await audit.close();
    }
  });
});
