// The fake Open Platform's own rules (issue 14 point 8), called over HTTP as the platform would be:
// if the fake stops enforcing one, the bot tests built on it stop proving anything.
import { afterEach, describe, expect, it } from 'vitest';
import { cardProblem, FakeFeishu, type FakeFeishuOptions } from '../support/fake-feishu/index.js';

let fake: FakeFeishu | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function open(options: FakeFeishuOptions = {}): Promise<{ platform: FakeFeishu; call: (method: string, path: string, body?: unknown) => Promise<{ status: number; code: number; headers: Headers }> }> {
  fake = await FakeFeishu.start(options);
  const platform = fake;
  const tokenResponse = await fetch(`${platform.baseUrl}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: platform.credentials.appId, app_secret: platform.credentials.appSecret }),
  });
  const token = String(Reflect.get(Object(await tokenResponse.json()), 'tenant_access_token'));
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, code: Number(Reflect.get(Object(await response.json()), 'code')), headers: response.headers };
  };
  return { platform, call };
}

const card = (elements: unknown[], extra: Record<string, unknown> = {}) => ({ schema: '2.0', config: { update_multi: true, streaming_mode: true }, body: { elements }, ...extra });
const send = (content: unknown) => ({ receive_id: 'oc_group', msg_type: 'interactive', content: JSON.stringify(content) });

describe('Card JSON 2.0', () => {
  it('refuses unknown properties, too many elements or tables, bad or repeated element ids, and 30 KB', () => {
    const text = (id?: string) => ({ tag: 'markdown', content: 'x', ...(id ? { element_id: id } : {}) });
    expect(cardProblem(card([text('a')]), 100)).toBeUndefined();
    expect(cardProblem(card([{ ...text(), colour: 'red' }]), 100)).toMatch(/unknown property/);
    expect(cardProblem(card([text()], { footer: {} }), 100)).toMatch(/unknown property card.footer/);
    expect(cardProblem(card(Array.from({ length: 201 }, () => text())), 100)).toMatch(/201 elements/);
    expect(cardProblem(card([text('same'), text('same')]), 100)).toMatch(/not unique/);
    expect(cardProblem(card([text('a23456789012345678901')]), 100)).toMatch(/1-20/);
    expect(cardProblem(card(Array.from({ length: 6 }, () => ({ tag: 'table', columns: [], rows: [] }))), 100)).toMatch(/6 tables/);
    expect(cardProblem(card([{ tag: 'marquee' }]), 100)).toMatch(/unsupported tag/);
    expect(cardProblem(card([text()]), 31 * 1024)).toMatch(/30 KB/);
  });

  it('refuses values outside the documented enums: header colour, button type, size, width, text and behaviors, column width', () => {
    const button = (extra: Record<string, unknown> = {}) => ({ tag: 'button', text: { tag: 'plain_text', content: '移除' }, behaviors: [{ type: 'callback', value: { action: 'x' } }], ...extra });
    const header = (template: string) => ({ header: { title: { tag: 'plain_text', content: 't' }, template } });
    const columns = (width: string) => ({ tag: 'column_set', columns: [{ tag: 'column', width, elements: [button()] }] });
    expect(cardProblem(card([button({ type: 'primary', size: 'small' }), columns('auto'), columns('120px')], header('orange')), 100)).toBeUndefined();
    expect(cardProblem(card([button()], header('pink')), 100)).toMatch(/header.template "pink"/);
    expect(cardProblem(card([button({ type: 'success' })]), 100)).toMatch(/button type "success"/);
    expect(cardProblem(card([button({ size: 'mini' })]), 100)).toMatch(/button size "mini"/);
    expect(cardProblem(card([button({ width: '80px' })]), 100)).toMatch(/button width "80px"/);
    expect(cardProblem(card([button({ text: { tag: 'plain_text', content: '长'.repeat(101) } })]), 100)).toMatch(/over 100 characters/);
    expect(cardProblem(card([button({ behaviors: undefined })]), 100)).toMatch(/needs behaviors/);
    expect(cardProblem(card([button({ behaviors: [{ type: 'submit' }] })]), 100)).toMatch(/behavior type/);
    expect(cardProblem(card([button({ behaviors: undefined, form_action_type: 'submit' })]), 100)).toBeUndefined();
    expect(cardProblem(card([columns('700px')]), 100)).toMatch(/column width "700px"/);
  });

  it('answers a bad card in a message with 230099', async () => {
    const { call } = await open();
    expect((await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(card([{ tag: 'markdown', content: 'x', colour: 1 }])))).code).toBe(230099);
  });
});

describe('tokens and scopes', () => {
  it('refuses a revoked token with 99991663 and a missing scope with 99991672', async () => {
    const { platform, call } = await open({ scopes: ['im:message:send_as_bot'] });
    expect((await call('POST', '/open-apis/cardkit/v1/cards', { type: 'card_json', data: JSON.stringify(card([])) })).code).toBe(99991672);
    expect((await call('GET', '/open-apis/im/v1/messages/om_1/resources/fk?type=file')).code).toBe(99991672);
    platform.revokeTokens();
    const refused = await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(card([])));
    expect([refused.status, refused.code]).toEqual([401, 99991663]);
  });
});

describe('CardKit streaming', () => {
  it('streams text only while streaming_mode is on (300309), closes it after the limit (200850), and counts prefix breaks', async () => {
    const { platform, call } = await open({ streamingLimitMs: 300 });
    await call('POST', '/open-apis/cardkit/v1/cards', { type: 'card_json', data: JSON.stringify(card([{ tag: 'markdown', content: '…', element_id: 'answer' }])) });
    await call('POST', '/open-apis/cardkit/v1/cards', { type: 'card_json', data: JSON.stringify(card([{ tag: 'markdown', content: '…', element_id: 'answer' }])) });
    const [first, second] = [...platform.cards.keys()];
    const stream = (id: string | undefined, content: string, sequence: number) => call('PUT', `/open-apis/cardkit/v1/cards/${id}/elements/answer/content`, { content, sequence, uuid: `s${id}${sequence}` });
    expect((await stream(first, '到2020', 1)).code).toBe(0);
    expect((await stream(first, '到2020年 …', 2)).code).toBe(0);
    expect((await stream(first, '到2020年底', 3)).code).toBe(0);
    expect(platform.cards.get(first ?? '')?.prefixBreaks).toBe(1);
    const settings = JSON.stringify({ config: { streaming_mode: false } });
    expect((await call('PATCH', `/open-apis/cardkit/v1/cards/${first}/settings`, { settings, sequence: 4, uuid: 'c4' })).code).toBe(0);
    expect((await stream(first, '到2020年底打造', 5)).code).toBe(300309);
    expect((await stream(first, '到2020年底打造', 3)).code).toBe(300309);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await stream(second, '到', 1)).code).toBe(200850);
    expect((await stream('7c_missing', '到', 1)).code).toBe(200740);
  });

  it('allows 10 calls a second per card and answers a repeated uuid with 200770 by default', async () => {
    const { platform, call } = await open();
    await call('POST', '/open-apis/cardkit/v1/cards', { type: 'card_json', data: JSON.stringify(card([{ tag: 'markdown', content: '…', element_id: 'answer' }])) });
    const [id] = [...platform.cards.keys()];
    const codes: number[] = [];
    for (let sequence = 1; sequence <= 11; sequence += 1) codes.push((await call('PUT', `/open-apis/cardkit/v1/cards/${id}/elements/answer/content`, { content: 'a'.repeat(sequence), sequence, uuid: `u${sequence}` })).code);
    expect(codes.slice(0, 10).every((code) => code === 0)).toBe(true);
    expect(codes[10]).toBe(99991400);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await call('PUT', `/open-apis/cardkit/v1/cards/${id}/elements/answer/content`, { content: 'a'.repeat(12), sequence: 12, uuid: 'u1' })).code).toBe(200770);
  });
});

describe('rate limits and messages', () => {
  it('limits each API per minute, with x-ogw-ratelimit-reset, and refuses dissolved chats, recalled messages and aggregated threads', async () => {
    const { platform, call } = await open({ rateLimits: { perMinute: 3, perChatPerSecond: 100 }, dissolvedChats: ['oc_gone'] });
    const plain = card([], { config: { update_multi: true } });
    for (let index = 0; index < 3; index += 1) expect((await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(plain))).code).toBe(0);
    const limited = await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(plain));
    expect([limited.status, limited.code]).toEqual([429, 99991400]);
    expect(Number(limited.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThan(50);
    platform.noteIncoming('om_q', 'oc_group');
    platform.recallIncoming('om_q');
    expect((await call('POST', '/open-apis/im/v1/messages/om_q/reply', { msg_type: 'interactive', content: JSON.stringify(plain) })).code).toBe(230011);
    platform.noteIncoming('om_merged', 'oc_group');
    platform.markAggregated('om_merged');
    expect((await call('POST', '/open-apis/im/v1/messages/om_merged/reply', { msg_type: 'interactive', content: JSON.stringify(plain), reply_in_thread: true })).code).toBe(230072);
    platform.noteIncoming('om_in_gone', 'oc_gone');
    expect((await call('POST', '/open-apis/im/v1/messages/om_in_gone/reply', { msg_type: 'interactive', content: JSON.stringify(plain) })).code).toBe(232009);
  });

  it('refuses a PATCH of a card that is not shared (230031), and drops card-action replies after 3 s', async () => {
    const { platform, call } = await open();
    await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(card([], { config: { update_multi: false } })));
    const [message] = platform.posted();
    expect((await call('PATCH', `/open-apis/im/v1/messages/${message?.messageId}`, { content: JSON.stringify(card([])) })).code).toBe(230031);
    const reply = { card: { type: 'raw', data: card([{ tag: 'markdown', content: 'new' }]) } };
    expect(platform.applyCallbackResponse(message?.messageId ?? '', reply, 3_500)).toBe('late');
    expect(platform.applyCallbackResponse(message?.messageId ?? '', reply, 200)).toBe('applied');
  });
});
