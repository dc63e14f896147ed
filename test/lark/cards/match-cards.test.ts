// The /match cards as pure functions of matching results on the seeds, checked against the strict
// fake's Card JSON 2.0 rules; also writes docs/match-card-example.md (WRITE_MATCH_EXAMPLE=1) and keeps
// it in step with the builders.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchFormCard, matchResultCard, measureDetailCard } from '../../../src/lark/cards/match-cards.js';
import { formChoices } from '../../../src/lark/commands/match-commands.js';
import { matchMeasures, readProfile, type MatchResult } from '../../../src/match/index.js';
import { cardProblem, MAX_CARD_BYTES } from '../../support/fake-feishu/index.js';
import { seedDocuments, seedPlaces } from '../../support/seed-measures.js';

const documents = seedDocuments();
const today = new Date('2026-12-02T12:00:00+08:00');
const EXAMPLE = join(import.meta.dirname, '..', '..', '..', 'docs', 'match-card-example.md');
const STUDENT = '我是刚毕业的大学生，想在南浔开一家文创工作室';

function problem(card: unknown): string | undefined {
  return cardProblem(card, Buffer.byteLength(JSON.stringify(card)));
}

function matched(sentence: string): MatchResult {
  return matchMeasures(readProfile(sentence, seedPlaces(documents)), documents, today);
}

/** The words a card shows, one element a line: what a reader of the chat sees, without the JSON. */
function shownText(card: Record<string, unknown>): string {
  const lines: string[] = [];
  JSON.stringify(card, (key, value: unknown) => {
    if (key === 'content' && typeof value === 'string') lines.push(value);
    return value;
  });
  return lines.join('\n');
}

function exampleDoc(): string {
  const card = matchResultCard(matched(STUDENT));
  return [
    '# A /match result card',
    '',
    `Produced by test/lark/cards/match-cards.test.ts (\`WRITE_MATCH_EXAMPLE=1 npx vitest run test/lark/cards/match-cards.test.ts\`) from the seeds,`,
    `for the profile read from 「${STUDENT}」 on 2026-12-02. ${Buffer.byteLength(JSON.stringify(card))} bytes of card JSON (limit ${MAX_CARD_BYTES}).`,
    '',
    '## What it shows',
    '',
    '```text',
    shownText(card),
    '```',
    '',
    '## Card JSON 2.0',
    '',
    '```json',
    JSON.stringify(card, null, 2),
    '```',
    '',
  ].join('\n');
}

describe('match cards', () => {
  it('builds a valid form card whose selects offer the covered places, prefilled only with offered choices', () => {
    const choices = formChoices(documents);
    expect(problem(matchFormCard(choices))).toBeUndefined();
    const prefilled = matchFormCard(choices, { place: '南浔区', who: ['大学生'], industry: ['文创'], stage: '筹备' });
    expect(problem(prefilled)).toBeUndefined();
    expect(JSON.stringify(prefilled)).toContain('"initial_option":"南浔区"');
    // a saved place the documents no longer cover is left unselected (an unknown initial_option is refused)
    const stale = matchFormCard(choices, { place: '杭州市', who: [], industry: [] });
    expect(problem(stale)).toBeUndefined();
    expect(JSON.stringify(stale)).not.toContain('initial_option');
  });

  it('lists at most 10 measures, each with lead, validity, quote and 详细, within the card limits', () => {
    const result = matched('我在鹿城区运营一家孵化器，想了解对孵化载体的支持');
    expect(result.measures.length).toBeGreaterThan(10);
    const card = matchResultCard(result);
    expect(problem(card)).toBeUndefined();
    const text = JSON.stringify(card);
    expect(text.match(/"action":"match-detail"/g)).toHaveLength(10);
    expect(text).toContain(`找到 ${result.measures.length} 条适用措施，按相关程度排序，显示前 10 条`);
  });

  it('cuts long notes and drops measures from the end until the card fits in 30 KB', () => {
    const result = matched(STUDENT);
    const huge = { ...result, notes: ['很长的说明。'.repeat(4_000)] };
    expect(problem(matchResultCard(huge))).toBeUndefined();
    const fitting = matchResultCard({
      ...result,
      measures: Array.from({ length: 10 }, (_, index) => ({ ...result.measures[0]!, id: `x#${index}`, quote: '长'.repeat(3_000) })),
    });
    expect(problem(fitting)).toBeUndefined();
  });

  it('says so when nothing matches, with what the documents cover', () => {
    const card = matchResultCard(matched('我想在杭州西湖区开一家奶茶店'));
    expect(problem(card)).toBeUndefined();
    expect(JSON.stringify(card)).toContain('已收录的地区：南浔区、湖州市、温州市鹿城区、南通市');
  });

  it('shows a measure in full on 详细: section, lead, period and status, text and quote', () => {
    const document = documents.find((candidate) => candidate.source.startsWith('004'));
    const measure = document?.measures.measures.find((candidate) => candidate.section.at(-1) === '海门市');
    if (!document || !measure) throw new Error('the seeds have no 海门市 item');
    const card = measureDetailCard({
      measure,
      title: document.title,
      period: '2017—2020年',
      status: '已到期',
      quote: '创建生物医药产业众创社区',
      profile: { place: '海门市', who: [], industry: ['生物医药'] },
    });
    expect(problem(card)).toBeUndefined();
    const text = shownText(card);
    expect(text).toContain(measure.text);
    expect(text).toContain('**执行期** 2017—2020年 · 已到期');
    expect(text).toContain('**牵头部门** 文件未写明');
  });

  it('keeps docs/match-card-example.md in step with the builders', () => {
    if (process.env.WRITE_MATCH_EXAMPLE) writeFileSync(EXAMPLE, exampleDoc());
    expect(readFileSync(EXAMPLE, 'utf8')).toBe(exampleDoc());
  });
});
