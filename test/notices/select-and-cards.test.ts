import { describe, expect, it } from 'vitest';
import { documentStatus, statusLabel, statusNotice, withInForceMark } from '../../src/ingest/index.js';
import {
  expiryCard,
  noticeOf,
  noticePlan,
  policyCard,
  policyEntry,
  selectMeasures,
  emptyNoticesState,
  isoWeek,
  expirySlotAt,
  withInForceMarks,
  EXPIRY_ENTRY,
} from '../../src/notices/index.js';
import { foldLog, parseCron, type SendRecord } from '../../src/reminders/index.js';
import { cardProblem } from '../support/fake-feishu/card-schema.js';
import { seedDocuments } from '../support/seed-measures.js';
import { SEED } from '../support/seeds.js';
import { manifestOf } from './support/served-library.js';

const documents = seedDocuments();
const documentOf = (source: string) => documents.find((document) => document.source === source)!;
const day = (iso: string) => new Date(`${iso}T09:00:00+08:00`);
const valid = (card: unknown): string | undefined => cardProblem(card, Buffer.byteLength(JSON.stringify(card)));
const texts = (card: unknown): string => JSON.stringify(card);
/** Every plain_text content of a card, in order. */
const plainTexts = (card: unknown): string[] => {
  const found: string[] = [];
  JSON.stringify(card, (_key, value: unknown) => {
    if (typeof value === 'object' && value !== null && Reflect.get(value, 'tag') === 'plain_text')
      found.push(String(Reflect.get(value, 'content')));
    return value;
  });
  return found;
};

describe('the measures a new-policy card shows', () => {
  const lucheng = documentOf(SEED.lucheng).measures.measures;

  it('without earlier questions: the document’s first three, in its order', () => {
    expect(selectMeasures(lucheng, []).map((selected) => selected.measure.id)).toEqual(lucheng.slice(0, 3).map((measure) => measure.id));
  });

  it('picks the items about what the chat asked (孵化器), best first, at most five', () => {
    const chosen = selectMeasures(lucheng, ['孵化器运营有什么奖励？']);
    expect(chosen).toHaveLength(5);
    for (const selected of chosen) expect(`${selected.measure.text}${selected.measure.who.join('')}`).toMatch(/孵化/);
    expect(chosen.map((selected) => selected.score)).toEqual([...chosen.map((selected) => selected.score)].sort((a, b) => b - a));
  });

  it('fills up with the first items when fewer than three relate, and never counts shared common words as relevance', () => {
    const bozhong = documentOf(SEED.bozhong).measures.measures;
    const chosen = selectMeasures(bozhong, ['大学生创业有什么补贴？', '文创工作室能申请场地吗']);
    expect(chosen.map((selected) => selected.measure.id)).toEqual(bozhong.slice(0, 3).map((measure) => measure.id));
    expect(chosen.every((selected) => selected.score === 0)).toBe(true);
    const nanxun = selectMeasures(documentOf(SEED.nanxun).measures.measures, ['大学生创业有什么补贴？', '文创工作室能申请场地吗']);
    expect(nanxun.length).toBeGreaterThanOrEqual(3);
    expect(nanxun[0]?.measure.who).toContain('大学生');
  });

  it('a document without measures gets none', () => {
    expect(selectMeasures([], ['孵化器'])).toEqual([]);
  });
});

describe('the new-policy card', () => {
  const document = documentOf(SEED.lucheng);
  const chosen = selectMeasures(document.measures.measures, ['孵化器运营有什么奖励？']);
  const card = policyCard(document, chosen, day('2026-12-02'));

  it('carries title, issuer, period, status and each measure quoted verbatim with its section path', () => {
    const json = texts(card);
    expect(json).toContain(document.facts!.title);
    expect(json).toContain(document.facts!.period!.text);
    expect(json).toContain('有效');
    expect(json).toContain('发文单位');
    const quotes = plainTexts(card).flatMap((content) => /^「(.+)」$/.exec(content)?.[1] ?? []);
    expect(quotes).toHaveLength(chosen.length);
    chosen.forEach((selected, index) => {
      expect(selected.measure.text).toContain(quotes[index]);
      expect(plainTexts(card)).toContain(`出处：${selected.measure.section.join(' › ')}`);
    });
  });

  it('passes the platform’s Card JSON 2.0 checks, for every seed and an expired one', () => {
    expect(valid(card)).toBeUndefined();
    for (const seed of documents)
      expect(valid(policyCard(seed, selectMeasures(seed.measures.measures, []), day('2026-12-02'))), seed.source).toBeUndefined();
    expect(texts(policyCard(documentOf(SEED.nantong), [], day('2026-12-02')))).toContain('已到期');
  });
});

describe('what is due', () => {
  const state = {
    ...emptyNoticesState(),
    subscriptions: {
      oc_sub: {
        at: '2026-12-01T00:00:00.000Z',
        by: 'ou_admin',
        known: documents.filter((document) => document.source !== SEED.lucheng).map((document) => document.source),
      },
    },
  };
  const input = {
    documents,
    state,
    questions: new Map([['oc_sub', ['孵化器运营有什么奖励？']]]),
    adminChats: ['oc_admin'],
    now: day('2026-12-02').getTime(),
  };

  it('one card per document the chat did not have when it subscribed; none for other chats', () => {
    const plan = noticePlan(input, new Map());
    expect(plan.sends.map((send) => send.key)).toEqual([{ entry: policyEntry(SEED.lucheng), occurrence: 'new', chat: 'oc_sub' }]);
  });

  it('nothing once the log says sent; the same uuid again after an unconfirmed attempt', () => {
    const [send] = noticePlan(input, new Map()).sends;
    const attempt: SendRecord = { type: 'attempt', key: send!.key, uuid: send!.uuid, scheduledAt: send!.scheduledAt, at: 1 };
    expect(noticePlan(input, foldLog([attempt])).sends.map((again) => again.uuid)).toEqual([send!.uuid]);
    expect(noticePlan(input, foldLog([attempt, { ...attempt, type: 'sent', messageId: 'om_1' }])).sends).toEqual([]);
    const rejected = foldLog([attempt, { ...attempt, type: 'failed', code: 'rejected', retryable: false, message: 'no' }]);
    expect(noticePlan(input, rejected)).toMatchObject({ sends: [], skips: [{ reason: 'rejected' }] });
  });

  it('the weekly expiry card goes to each admin chat once its slot has come, keyed by the ISO week', () => {
    const monday = parseCron('0 9 * * 1');
    if (!monday.ok) throw new Error('cron');
    const slot = (iso: string) => expirySlotAt(monday.fields, Date.parse(iso), 'Asia/Shanghai', 6 * 3_600_000);
    expect(slot('2026-11-30T00:59:00Z')).toBeUndefined();
    const after = slot('2026-11-30T01:00:00Z');
    expect(after).toEqual({ week: '2026-W49', at: Date.parse('2026-11-30T01:00:00Z') });
    // within the catch-up window a missed slot still counts; later it is not sent a week late
    expect(slot('2026-11-30T06:59:00Z')?.week).toBe('2026-W49');
    expect(slot('2026-11-30T07:01:00Z')).toBeUndefined();
    const plan = noticePlan({ ...input, expirySlot: after! }, new Map());
    expect(plan.sends.filter((send) => send.key.entry === EXPIRY_ENTRY).map((send) => send.key)).toEqual([
      { entry: EXPIRY_ENTRY, occurrence: '2026-W49', chat: 'oc_admin' },
    ]);
    expect(isoWeek(Date.parse('2027-01-01T04:00:00Z'), 'Asia/Shanghai')).toBe('2026-W53');
  });
});

describe('the expiry card', () => {
  it('lists expiring and expired-but-served documents with 移除 and 仍然有效, and passes the card checks', () => {
    const notice = noticeOf(documents, emptyNoticesState(), day('2027-12-15'));
    const card = expiryCard(notice, '2027-W50');
    expect(valid(card)).toBeUndefined();
    const json = texts(card);
    expect(json).toContain('即将到期（2）');
    expect(json).toContain('已过期仍在提供（1）');
    expect(json.match(/"expiry-remove"/g)).toHaveLength(3);
    expect(json.match(/"expiry-keep"/g)).toHaveLength(3);
  });

  it('leaves out a document an admin marked as still in force', () => {
    const state = { ...emptyNoticesState(), stillInForce: { [SEED.nantong]: { at: '2026-12-01T00:00:00Z', by: 'ou_admin' } } };
    expect(noticeOf(documents, state, day('2026-12-02'))).toEqual({ expiring: [], expired: [] });
  });
});

describe("an admin's 「仍然有效」 mark on the served facts", () => {
  const nantong = documentOf(SEED.nantong);
  const marked = withInForceMark(nantong.facts, { at: '2026-12-01T01:00:00Z', by: 'ou_admin' });

  it('makes an expired plan in force: no notice, a label saying who decided', () => {
    expect(documentStatus(nantong.facts, day('2026-12-02'))).toBe('expired');
    expect(documentStatus(marked, day('2026-12-02'))).toBe('in-force');
    expect(statusNotice(marked, day('2026-12-02'))).toBeUndefined();
    expect(statusLabel(marked, day('2026-12-02'))).toBe('有效（2017—2020年，管理员已确认仍有效）');
  });

  it('never turns a draft into a policy in force', () => {
    const draft = documentOf(SEED.nanxun).facts;
    expect(documentStatus(withInForceMark(draft, { at: '2026-12-01T01:00:00Z', by: 'ou_admin' }), day('2026-12-02'))).toBe('draft');
  });

  it('is carried by the served manifest only for the marked document', () => {
    const manifest = withInForceMarks(manifestOf(documents), new Map([[SEED.nantong, { at: '2026-12-01T01:00:00Z', by: 'ou_admin' }]]));
    expect(manifest.documents[SEED.nantong]?.facts?.confirmedInForce).toEqual({ at: '2026-12-01T01:00:00Z', by: 'ou_admin' });
    expect(manifest.documents[SEED.bozhong]?.facts?.confirmedInForce).toBeUndefined();
  });
});
