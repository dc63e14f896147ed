// The AnswerRecords contract, run against the file store (DATA_DIR) and the PostgreSQL table alike.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock/index.js';
import type { AnswerRecord, AnswerRecords } from '../../../src/lark/store/answer-records.js';
import { openAnswerRecords } from '../../../src/lark/store/file-answer-records.js';
import { postgresAnswerRecords } from '../../../src/lark/store/postgres-answer-records.js';
import { dataDirectory, sharedContractDatabase, type StoreUnderContract } from '../../support/store-contract.js';

const database = sharedContractDatabase();

const implementations: Array<StoreUnderContract<AnswerRecords>> = [
  {
    name: 'file',
    async open() {
      const directory = dataDirectory();
      return { store: openAnswerRecords(directory, systemClock), reopen: () => openAnswerRecords(directory, systemClock) };
    },
  },
  {
    name: 'postgres',
    async open() {
      await database().query('DELETE FROM answer_records');
      return { store: postgresAnswerRecords(database()), reopen: () => postgresAnswerRecords(database()) };
    },
  },
];

const record = (question: string, chatId = 'oc_1'): AnswerRecord => ({
  question,
  answer: `${question}的答案[1]。`,
  answerable: true,
  citations: [{ source: 'a.md', title: '甲', section: '第一条', quote: '原文' }],
  notes: ['提示'],
  chatId,
});

describe.each(implementations)('AnswerRecords contract ($name)', ({ open }) => {
  it('finds a saved answer by its question message id, at once and after a reopen; unknown ids find nothing', async () => {
    const { store, reopen } = await open();
    await store.save('om_1', record('问题一'));
    expect(await store.find('om_1')).toEqual(record('问题一'));
    expect(await store.find('om_unknown')).toBeUndefined();
    await store.close();
    const again = reopen();
    expect(await again.find('om_1')).toEqual(record('问题一'));
    await again.close();
  });

  it('a later save for the same question replaces the answer', async () => {
    const { store } = await open();
    await store.save('om_2', record('旧'));
    await store.save('om_2', record('新', 'oc_2'));
    expect(await store.find('om_2')).toEqual(record('新', 'oc_2'));
    await store.close();
  });

  it('keeps reply cards apart from answers under the same message id', async () => {
    const { store, reopen } = await open();
    await store.save('om_3', record('问题三'));
    await store.saveCard('om_3', { cardId: 'card_1', createdAt: 1_700_000_000_000 });
    expect(await store.findCard('om_3')).toEqual({ cardId: 'card_1', createdAt: 1_700_000_000_000 });
    expect(await store.find('om_3')).toEqual(record('问题三'));
    expect(await store.findCard('om_1')).toBeUndefined();
    await store.close();
    const again = reopen();
    expect(await again.findCard('om_3')).toEqual({ cardId: 'card_1', createdAt: 1_700_000_000_000 });
    await again.close();
  });
});
