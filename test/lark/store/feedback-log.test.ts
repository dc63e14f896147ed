// The FeedbackLog contract, run against the JSON-lines file and the PostgreSQL table alike.
import { describe, expect, it } from 'vitest';
import type { FeedbackEntry, FeedbackLog } from '../../../src/lark/store/feedback-log.js';
import { openFeedbackLog } from '../../../src/lark/store/file-feedback-log.js';
import { postgresFeedbackLog } from '../../../src/lark/store/postgres-feedback-log.js';
import { dataDirectory, sharedContractDatabase, type StoreUnderContract } from '../../support/store-contract.js';

const database = sharedContractDatabase();

const implementations: Array<StoreUnderContract<FeedbackLog>> = [
  {
    name: 'file',
    async open() {
      const directory = dataDirectory();
      return { store: openFeedbackLog(directory), reopen: () => openFeedbackLog(directory) };
    },
  },
  {
    name: 'postgres',
    async open() {
      await database().query('DELETE FROM feedback');
      return { store: postgresFeedbackLog(database()), reopen: () => postgresFeedbackLog(database()) };
    },
  },
];

const vote = (chatId: string, vote: 'up' | 'down', time = '2026-06-01T08:00:00.000Z'): FeedbackEntry => ({
  time,
  vote,
  user: 'ou_1',
  chatId,
  questionMessageId: `om_${chatId}`,
  question: '问题',
  answer: '答案',
  answerable: true,
  citations: [{ source: 'a.md', title: '甲', section: '', quote: '原文' }],
});

describe.each(implementations)('FeedbackLog contract ($name)', ({ open }) => {
  it('deletes exactly one chat’s votes and says how many, also after a reopen', async () => {
    const { store, reopen } = await open();
    await store.record(vote('oc_1', 'up'));
    await store.record(vote('oc_1', 'down'));
    await store.record(vote('oc_2', 'down'));
    await store.close();
    const again = reopen();
    expect(await again.deleteChat('oc_1')).toBe(2);
    expect(await again.deleteChat('oc_1')).toBe(0);
    expect(await again.deleteChat('oc_2')).toBe(1);
    expect(await again.deleteChat('oc_unknown')).toBe(0);
    await again.close();
  });

  it('records votes made concurrently, none lost', async () => {
    const { store } = await open();
    await Promise.all(Array.from({ length: 20 }, (_, index) => store.record(vote('oc_many', index % 2 ? 'up' : 'down'))));
    expect(await store.deleteChat('oc_many')).toBe(20);
    await store.close();
  });
});
