// The comparison table on an answer card, checked against the strict fake's Card JSON 2.0 rules.
import { describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../../src/answer/index.js';
import { answerCard, type AnswerView } from '../../../src/lark/cards/answer-cards.js';
import { cardProblem, type Json } from '../../support/fake-feishu/index.js';

const row = (place: string, offer = `${place}的支持`): ComparisonRow => ({
  place,
  offer,
  source: 'a.txt',
  title: '某文件',
  section: '三、重点工作',
});
const view = (comparison?: ComparisonRow[]): AnswerView => ({
  question: '甲和乙分别有什么支持？',
  answer: '甲：…\n乙：…',
  answerable: true,
  citations: [],
  notes: [],
  ...(comparison ? { comparison } : {}),
});
const tables = (card: Json): Json[] => (card.body as { elements: Json[] }).elements.filter((element) => element.tag === 'table');
const valid = (card: Json): string | undefined => cardProblem(card, Buffer.byteLength(JSON.stringify(card)));

describe('the comparison table', () => {
  it('shows no table for an answer without rows or with one place only', () => {
    expect(tables(answerCard(view(), 'om_1'))).toEqual([]);
    expect(tables(answerCard(view([row('甲')]), 'om_1'))).toEqual([]);
  });

  it('pages twelve places ten at a time, names an uncovered place without a source, and stays valid', () => {
    const rows = Array.from({ length: 12 }, (_, index) => row(`地${index}`));
    rows.push({ place: '杭州', offer: '现有文件中没有找到相关内容。', source: '', title: '', section: '' });
    const card = answerCard(view(rows), 'om_1');
    expect(valid(card)).toBeUndefined();
    const [table] = tables(card);
    expect(table?.page_size).toBe(10);
    expect((table?.rows as Json[]).at(-1)).toEqual({ place: '杭州', offer: '现有文件中没有找到相关内容。', source: '—' });
    expect((table?.rows as Json[])[0]).toEqual({ place: '地0', offer: '地0的支持', source: '《某文件》 › 三、重点工作' });
  });

  it('cuts a long cell with an ellipsis and keeps document text literal (a text column, not markdown)', () => {
    const card = answerCard(view([row('甲', `**粗体**${'很'.repeat(500)}`), row('乙')]), 'om_1');
    expect(valid(card)).toBeUndefined();
    const offer = String((tables(card)[0]?.rows as Json[])[0]?.offer);
    expect(offer).toHaveLength(300);
    expect(offer.startsWith('**粗体**')).toBe(true);
    expect(offer.endsWith('…')).toBe(true);
  });

  it('is not drawn on a refusal card', () => {
    expect(tables(answerCard({ ...view([row('甲'), row('乙')]), answerable: false }, 'om_1'))).toEqual([]);
  });
});
