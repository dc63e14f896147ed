import { describe, expect, it } from 'vitest';
import { groupBySimilarity } from '../../src/console/content-gaps.js';
import { html, raw } from '../../src/console/html.js';
import { issueLinkToken, LINK_TTL_MS, redeemLinkToken } from '../../src/console/login-links.js';
import { dailyStats, filterFromQuery, filterQuestions, questionsCsv } from '../../src/console/question-stats.js';
import { cookie, MAX_SESSION_MS, newSession, readSession, sessionToken } from '../../src/console/session.js';
import { signToken, verifyToken } from '../../src/console/signed-token.js';
import { createMemoryDedupeStore, type QuestionEntry } from '../../src/lark/index.js';

const NOW = Date.parse('2026-06-30T04:00:00Z');
const admins = new Set(['ou_admin']);
const clock = { now: () => NOW, sleep: async () => undefined };

function entry(id: string, fields: Partial<QuestionEntry> = {}): QuestionEntry {
  return {
    id,
    time: new Date(NOW).toISOString(),
    chatId: 'oc_1',
    question: `问题${id}`,
    answer: '回答',
    answerable: true,
    mode: 'extractive',
    latencyMs: 10,
    sources: [],
    up: 0,
    down: 0,
    ...fields,
  };
}

describe('console logic', () => {
  it('escapes every interpolated value, nested lists included, and leaves only raw() markup alone', () => {
    const hostile = `<script>alert("x")</script>' onload='1`;
    expect(html`<p title="${hostile}">${[hostile, html`<b>${hostile}</b>`]}</p>${raw('<i>ok</i>')}`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;1">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;1<b>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;1</b></p><i>ok</i>',
    );
  });

  it('accepts a session only with its signature, within the idle time and the maximum age, for a listed admin', () => {
    const session = newSession('ou_admin', 'link', NOW);
    const token = sessionToken('secret', session);
    expect(readSession('secret', token, NOW + 29 * 60_000, 30 * 60_000, admins)?.openId).toBe('ou_admin');
    expect(readSession('secret', token, NOW + 31 * 60_000, 30 * 60_000, admins)).toBeUndefined();
    expect(readSession('other', token, NOW, 30 * 60_000, admins)).toBeUndefined();
    expect(readSession('secret', token, NOW, 30 * 60_000, new Set(['ou_else']))).toBeUndefined();
    const old = sessionToken('secret', { ...session, born: NOW - MAX_SESSION_MS - 1 });
    expect(readSession('secret', old, NOW, 30 * 60_000, admins)).toBeUndefined();
    // a link token is not a session even when signed with the same key
    expect(readSession('secret', signToken('secret', 'link', session), NOW, 30 * 60_000, admins)).toBeUndefined();
    expect(verifyToken('secret', 'session', `${token}x`)).toBeUndefined();
    expect(cookie('pb', 'v', { maxAgeSeconds: 60, secure: true })).toBe(
      'pb=v; Path=/console; Max-Age=60; HttpOnly; SameSite=Strict; Secure',
    );
  });

  it('redeems a login link once, within ten minutes', async () => {
    const dedupe = createMemoryDedupeStore(clock);
    const claim = (key: string, ttl: number) => dedupe.claim(key, ttl);
    const token = issueLinkToken('secret', 'ou_admin', NOW);
    await expect(redeemLinkToken('secret', token, NOW + LINK_TTL_MS - 1, claim)).resolves.toBe('ou_admin');
    await expect(redeemLinkToken('secret', token, NOW, claim)).rejects.toMatchObject({ code: 'link-used' });
    await expect(redeemLinkToken('secret', issueLinkToken('secret', 'ou_admin', NOW), NOW + LINK_TTL_MS, claim)).rejects.toMatchObject({
      code: 'link-expired',
    });
    await expect(redeemLinkToken('secret', 'not.a-token', NOW, claim)).rejects.toMatchObject({ code: 'link-invalid' });
  });

  it('counts 30 days of questions, refusals and votes, and filters by refusal, 👎, days and text', () => {
    const entries = [
      entry('a', { answerable: false, down: 1 }),
      entry('b', { up: 2, question: '创业补贴' }),
      entry('c', { time: new Date(NOW - 3 * 86_400_000).toISOString(), answerable: false }),
      entry('d', { time: new Date(NOW - 40 * 86_400_000).toISOString() }),
    ];
    const days = dailyStats(entries, NOW);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: '2026-06-30', total: 2, refused: 1, up: 2, down: 1 });
    expect(days.at(-4)).toMatchObject({ day: '2026-06-27', total: 1, refused: 1 });
    expect(days.reduce((sum, day) => sum + day.total, 0)).toBe(3);
    const ids = (query: string) => filterQuestions(entries, filterFromQuery(new URLSearchParams(query))).map((item) => item.id);
    expect(ids('refused=1')).toEqual(['a', 'c']);
    expect(ids('down=1')).toEqual(['a']);
    expect(ids('from=2026-06-28&to=2026-06-30')).toEqual(['a', 'b']);
    expect(ids('q=补贴')).toEqual(['b']);
    expect(ids('from=garbage')).toEqual(['a', 'b', 'c', 'd']);
    // a failure card says nothing about the documents: not a refusal
    expect(filterQuestions([entry('e', { answerable: false, mode: 'failed' })], { refused: true })).toEqual([]);
  });

  it('writes CSV a spreadsheet opens as text, never as a formula', () => {
    const csv = questionsCsv([entry('a', { question: '=HYPERLINK("http://evil")', answer: 'line1\nline2, "quoted"' })]);
    expect(csv.startsWith('\ufeff时间,')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(csv).toContain('"line1\nline2, ""quoted"""');
  });

  it('groups similar questions, largest group first', () => {
    const items = ['a1', 'b1', 'a2', 'a3'];
    const vectors = [Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(0.95, 0.05), Float32Array.of(0.9, 0.1)];
    const groups = groupBySimilarity(items, vectors, (item) => item, 0.8);
    expect(groups.map((group) => group.items)).toEqual([['a1', 'a2', 'a3'], ['b1']]);
  });
});
