// The fake Open Platform's own rules (issue 14 point 8), called over HTTP as the platform would be:
// if the fake stops enforcing one, the bot tests built on it stop proving anything.
import { afterEach, describe, expect, it } from 'vitest';
import { cardProblem, FakeFeishu, formSubmission, type FakeFeishuOptions } from '../support/fake-feishu/index.js';

let fake: FakeFeishu | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function open(options: FakeFeishuOptions = {}): Promise<{
  platform: FakeFeishu;
  call: (method: string, path: string, body?: unknown) => Promise<{ status: number; code: number; headers: Headers }>;
}> {
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

const card = (elements: unknown[], extra: Record<string, unknown> = {}) => ({
  schema: '2.0',
  config: { update_multi: true, streaming_mode: true },
  body: { elements },
  ...extra,
});
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

  it('checks a table as documented: root only, page_size 1–10, named and typed columns, rows by column name', () => {
    const columns = [
      { name: 'place', display_name: '地区', data_type: 'text', width: '88px' },
      { name: 'amount', display_name: '金额', data_type: 'number' },
    ];
    const table = (extra: Record<string, unknown> = {}) => ({
      tag: 'table',
      page_size: 2,
      columns,
      rows: [{ place: '南浔', amount: 5 }],
      ...extra,
    });
    expect(
      cardProblem(
        card([table(), table({ row_height: 'auto', row_max_height: '120px', header_style: { bold: true, background_style: 'grey' } })]),
        100,
      ),
    ).toBeUndefined();
    expect(cardProblem(card(Array.from({ length: 5 }, () => table())), 100)).toBeUndefined();
    expect(cardProblem(card(Array.from({ length: 6 }, () => table())), 100)).toMatch(/6 tables, over 5/);
    expect(
      cardProblem(card([{ tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 't' } }, elements: [table()] }]), 100),
    ).toMatch(/only be placed at the card's root/);
    expect(cardProblem(card([table({ page_size: 11 })]), 100)).toMatch(/page_size/);
    expect(cardProblem(card([table({ page_size: 0 })]), 100)).toMatch(/page_size/);
    expect(cardProblem(card([table({ row_height: '200px' })]), 100)).toMatch(/row_height/);
    expect(cardProblem(card([table({ header_style: { colour: 'red' } })]), 100)).toMatch(/unknown property .*header_style.colour/);
    expect(cardProblem(card([table({ columns: undefined })]), 100)).toMatch(/columns required/);
    expect(
      cardProblem(
        card([table({ columns: Array.from({ length: 51 }, (_, index) => ({ name: `c${index}`, data_type: 'text' })), rows: [] })]),
        100,
      ),
    ).toMatch(/51 columns, over 50/);
    expect(cardProblem(card([table({ columns: [{ display_name: '地区', data_type: 'text' }], rows: [] })]), 100)).toMatch(/name required/);
    expect(cardProblem(card([table({ columns: [columns[0], columns[0]], rows: [] })]), 100)).toMatch(/not unique/);
    expect(cardProblem(card([table({ columns: [{ name: 'place', data_type: 'string' }], rows: [] })]), 100)).toMatch(
      /data_type must be one of/,
    );
    expect(cardProblem(card([table({ columns: [{ name: 'place', data_type: 'text', width: '40px' }], rows: [] })]), 100)).toMatch(/width/);
    expect(cardProblem(card([table({ columns: [{ name: 'place', data_type: 'text', colour: 'red' }], rows: [] })]), 100)).toMatch(
      /unknown property .*colour/,
    );
    expect(cardProblem(card([table({ rows: undefined })]), 100)).toMatch(/rows required/);
    expect(cardProblem(card([table({ rows: [{ place: '南浔', city: '湖州' }] })]), 100)).toMatch(/rows\[0\]\.city names no column/);
    expect(cardProblem(card([table({ rows: [{ place: '南浔', amount: '5' }] })]), 100)).toMatch(/does not fit data_type number/);
    expect(cardProblem(card([table({ elements: [] })]), 100)).toMatch(/unknown property .*elements/);
  });

  it('refuses values outside the documented enums: header colour, button type, size, width, text and behaviors, column width', () => {
    const button = (extra: Record<string, unknown> = {}) => ({
      tag: 'button',
      text: { tag: 'plain_text', content: '移除' },
      behaviors: [{ type: 'callback', value: { action: 'x' } }],
      ...extra,
    });
    const header = (template: string) => ({ header: { title: { tag: 'plain_text', content: 't' }, template } });
    const columns = (width: string) => ({ tag: 'column_set', columns: [{ tag: 'column', width, elements: [button()] }] });
    expect(
      cardProblem(card([button({ type: 'primary', size: 'small' }), columns('auto'), columns('120px')], header('orange')), 100),
    ).toBeUndefined();
    expect(cardProblem(card([button()], header('pink')), 100)).toMatch(/header.template "pink"/);
    expect(cardProblem(card([button({ type: 'success' })]), 100)).toMatch(/button type "success"/);
    expect(cardProblem(card([button({ size: 'mini' })]), 100)).toMatch(/button size "mini"/);
    expect(cardProblem(card([button({ width: '80px' })]), 100)).toMatch(/button width "80px"/);
    expect(cardProblem(card([button({ text: { tag: 'plain_text', content: '长'.repeat(101) } })]), 100)).toMatch(/over 100 characters/);
    expect(cardProblem(card([button({ behaviors: undefined })]), 100)).toMatch(/needs behaviors/);
    expect(cardProblem(card([button({ behaviors: [{ type: 'submit' }] })]), 100)).toMatch(/behavior type/);
    // a form's submit button needs no behaviors (and may stand only inside a form)
    expect(
      cardProblem(
        card([{ tag: 'form', name: 'f', elements: [button({ behaviors: undefined, form_action_type: 'submit', name: 'send' })] }]),
        100,
      ),
    ).toBeUndefined();
    expect(cardProblem(card([columns('700px')]), 100)).toMatch(/column width "700px"/);
  });

  it('answers a bad card in a message with 230099', async () => {
    const { call } = await open();
    expect(
      (await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(card([{ tag: 'markdown', content: 'x', colour: 1 }]))))
        .code,
    ).toBe(230099);
  });
});

describe('Card JSON 2.0 forms and selects', () => {
  const option = (value: string) => ({ text: { tag: 'plain_text', content: value }, value });
  const select = (name: string | undefined, extra: Record<string, unknown> = {}) => ({
    tag: 'select_static',
    ...(name ? { name } : {}),
    options: [option('南浔区'), option('鹿城区')],
    ...extra,
  });
  const submit = (extra: Record<string, unknown> = {}) => ({
    tag: 'button',
    name: 'go',
    text: { tag: 'plain_text', content: '提交' },
    form_action_type: 'submit',
    behaviors: [{ type: 'callback', value: { action: 'x' } }],
    ...extra,
  });
  const form = (elements: unknown[], name = 'f') => ({ tag: 'form', ...(name ? { name } : {}), elements });

  it('accepts a form with named selects and a submit button', () => {
    expect(cardProblem(card([form([select('place', { initial_option: '鹿城区', required: true }), submit()])]), 100)).toBeUndefined();
  });

  it('refuses a form without a name, without a submit button, nested, or holding a table or a form', () => {
    expect(cardProblem(card([form([select('place'), submit()], '')]), 100)).toMatch(/form name required/);
    expect(cardProblem(card([form([select('place')])]), 100)).toMatch(/needs a button with form_action_type "submit"/);
    expect(
      cardProblem(
        card([{ tag: 'collapsible_panel', header: { title: { tag: 'plain_text', content: 'x' } }, elements: [form([submit()])] }]),
        100,
      ),
    ).toMatch(/root of body.elements/);
    expect(cardProblem(card([form([{ tag: 'table', columns: [], rows: [] }, submit()])]), 100)).toMatch(/cannot hold a table/);
    expect(cardProblem(card([form([form([submit({ name: 'inner' })], 'g'), submit()])]), 100)).toMatch(/cannot hold a form/);
  });

  it('refuses components in a form without a name, or with a name used twice in the card', () => {
    expect(cardProblem(card([form([select(undefined), submit()])]), 100)).toMatch(/select_static in a form needs a name/);
    expect(cardProblem(card([form([select('place'), select('place'), submit()])]), 100)).toMatch(/name "place" is not unique/);
    expect(cardProblem(card([form([select('f'), submit()])]), 100)).toMatch(/name "f" is not unique/);
    expect(cardProblem(card([form([select('place'), submit({ name: undefined })])]), 100)).toMatch(/button in a form needs a name/);
  });

  it('refuses form_action_type and required outside a form, and a button in a form without form_action_type', () => {
    expect(cardProblem(card([submit()]), 100)).toMatch(/form_action_type only inside a form/);
    expect(cardProblem(card([form([select('place'), submit({ form_action_type: 'send' })])]), 100)).toMatch(/submit or reset/);
    expect(cardProblem(card([select('place', { required: true })]), 100)).toMatch(/required only inside a form/);
    expect(
      cardProblem(
        card([form([select('place'), submit(), { tag: 'button', name: 'other', text: { tag: 'plain_text', content: 'x' } }])]),
        100,
      ),
    ).toMatch(/needs form_action_type/);
  });

  it('refuses select options that are not plain_text with unique string values, and an initial_option that is not one of them', () => {
    expect(cardProblem(card([select('place', { options: [option('南浔区'), option('南浔区')] })]), 100)).toMatch(/repeats an option value/);
    expect(cardProblem(card([select('place', { options: [{ text: { tag: 'lark_md', content: 'x' }, value: 'x' }] })]), 100)).toMatch(
      /must be plain_text/,
    );
    expect(cardProblem(card([select('place', { options: [{ text: { tag: 'plain_text', content: 'x' }, value: '' }] })]), 100)).toMatch(
      /non-empty string/,
    );
    expect(cardProblem(card([select('place', { initial_option: '杭州' })]), 100)).toMatch(/initial_option "杭州" is not an option value/);
    expect(cardProblem(card([select('place', { colour: 'red' })]), 100)).toMatch(/unknown property/);
  });

  it('submits only offered choices, keeps initial options, and stops on an empty required field', () => {
    const shown = card([form([select('place', { initial_option: '鹿城区' }), select('who', { required: true }), submit()])]);
    expect(formSubmission(shown, { who: '南浔区' })).toEqual({
      action: { tag: 'button', name: 'go', value: { action: 'x' }, form_value: { place: '鹿城区', who: '南浔区' } },
      value: { action: 'x' },
    });
    expect(formSubmission(shown, {})).toEqual({ blocked: 'who is required' });
    expect(formSubmission(shown, { who: '杭州' })).toEqual({ blocked: '"杭州" is not an option of who' });
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
    await call('POST', '/open-apis/cardkit/v1/cards', {
      type: 'card_json',
      data: JSON.stringify(card([{ tag: 'markdown', content: '…', element_id: 'answer' }])),
    });
    await call('POST', '/open-apis/cardkit/v1/cards', {
      type: 'card_json',
      data: JSON.stringify(card([{ tag: 'markdown', content: '…', element_id: 'answer' }])),
    });
    const [first, second] = [...platform.cards.keys()];
    const stream = (id: string | undefined, content: string, sequence: number) =>
      call('PUT', `/open-apis/cardkit/v1/cards/${id}/elements/answer/content`, { content, sequence, uuid: `s${id}${sequence}` });
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
    await call('POST', '/open-apis/cardkit/v1/cards', {
      type: 'card_json',
      data: JSON.stringify(card([{ tag: 'markdown', content: '…', element_id: 'answer' }])),
    });
    const [id] = [...platform.cards.keys()];
    const codes: number[] = [];
    for (let sequence = 1; sequence <= 11; sequence += 1)
      codes.push(
        (
          await call('PUT', `/open-apis/cardkit/v1/cards/${id}/elements/answer/content`, {
            content: 'a'.repeat(sequence),
            sequence,
            uuid: `u${sequence}`,
          })
        ).code,
      );
    expect(codes.slice(0, 10).every((code) => code === 0)).toBe(true);
    expect(codes[10]).toBe(99991400);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(
      (
        await call('PUT', `/open-apis/cardkit/v1/cards/${id}/elements/answer/content`, {
          content: 'a'.repeat(12),
          sequence: 12,
          uuid: 'u1',
        })
      ).code,
    ).toBe(200770);
  });
});

describe('rate limits and messages', () => {
  it('limits each API per minute, with x-ogw-ratelimit-reset, and refuses dissolved chats, recalled messages and aggregated threads', async () => {
    const { platform, call } = await open({ rateLimits: { perMinute: 3, perChatPerSecond: 100 }, dissolvedChats: ['oc_gone'] });
    const plain = card([], { config: { update_multi: true } });
    for (let index = 0; index < 3; index += 1)
      expect((await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(plain))).code).toBe(0);
    const limited = await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(plain));
    expect([limited.status, limited.code]).toEqual([429, 99991400]);
    expect(Number(limited.headers.get('x-ogw-ratelimit-reset'))).toBeGreaterThan(50);
    platform.noteIncoming('om_q', 'oc_group');
    platform.recallIncoming('om_q');
    expect(
      (await call('POST', '/open-apis/im/v1/messages/om_q/reply', { msg_type: 'interactive', content: JSON.stringify(plain) })).code,
    ).toBe(230011);
    platform.noteIncoming('om_merged', 'oc_group');
    platform.markAggregated('om_merged');
    expect(
      (
        await call('POST', '/open-apis/im/v1/messages/om_merged/reply', {
          msg_type: 'interactive',
          content: JSON.stringify(plain),
          reply_in_thread: true,
        })
      ).code,
    ).toBe(230072);
    platform.noteIncoming('om_in_gone', 'oc_gone');
    expect(
      (await call('POST', '/open-apis/im/v1/messages/om_in_gone/reply', { msg_type: 'interactive', content: JSON.stringify(plain) })).code,
    ).toBe(232009);
  });

  it('refuses a PATCH of a card that is not shared (230031), and drops card-action replies after 3 s', async () => {
    const { platform, call } = await open();
    await call('POST', '/open-apis/im/v1/messages?receive_id_type=chat_id', send(card([], { config: { update_multi: false } })));
    const [message] = platform.posted();
    expect((await call('PATCH', `/open-apis/im/v1/messages/${message?.messageId}`, { content: JSON.stringify(card([])) })).code).toBe(
      230031,
    );
    const reply = { card: { type: 'raw', data: card([{ tag: 'markdown', content: 'new' }]) } };
    expect(platform.applyCallbackResponse(message?.messageId ?? '', reply, 3_500)).toBe('late');
    expect(platform.applyCallbackResponse(message?.messageId ?? '', reply, 200)).toBe('applied');
  });
});
