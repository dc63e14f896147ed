// Issue 14 point 7: the events around the conversation. Added to a group → a welcome card there; a
// direct chat opened for the first time → a welcome; the bot menu's 常见问题 / 近期活动 / 订阅提醒 →
// cards to the person; a recalled question → not answered, or its reply withdrawn; a dissolved chat or
// the bot removed → the chat's reminder subscription removed and audited; the optional 「思考中」 reaction.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { platformEvent, type Json } from '../support/fake-feishu/index.js';
import { SECRETS } from '../support/lark-harness.js';
import { ScriptedAnswers } from './support/scripted-answers.js';
import { startScriptedBot, type ScriptedBot } from './support/scripted-bot.js';

let running: ScriptedBot | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function deliver(type: string, event: Json, eventId?: string): Promise<void> {
  if (!running) throw new Error('no bot');
  const response = await running.bot.webhook.post(platformEvent(running.fake, SECRETS.verificationToken, type, event, eventId));
  expect(response.status).toBe(200);
}

it('welcomes a group it is added to, once per event, saying how to ask, /help and /subscribe', async () => {
  running = await startScriptedBot();
  const event = { chat_id: 'oc_new', operator_id: { open_id: 'ou_admin' }, name: '创业服务群', external: false };
  await deliver('im.chat.member.bot.added_v1', event, 'ev-added');
  await deliver('im.chat.member.bot.added_v1', event, 'ev-added');
  const [welcome] = await running.fake.waitFor(
    () => (running?.fake.postedTo('oc_new').length ? running.fake.postedTo('oc_new') : undefined),
    5_000,
    'the welcome',
  );
  const text = running.fake.textOf(welcome?.messageId ?? '');
  for (const part of ['@政策通', '/help', '/subscribe', '政策']) expect(text).toContain(part);
  await running.bot.running.bot.settled();
  expect(running.fake.postedTo('oc_new')).toHaveLength(1);
});

it('welcomes a direct chat opened for the first time, and not one with messages already', async () => {
  running = await startScriptedBot();
  await deliver('im.chat.access_event.bot_p2p_chat_entered_v1', {
    chat_id: 'oc_dm_old',
    operator_id: { open_id: 'ou_a' },
    last_message_id: 'om_earlier',
    last_message_create_time: '1',
  });
  await deliver('im.chat.access_event.bot_p2p_chat_entered_v1', { chat_id: 'oc_dm_new', operator_id: { open_id: 'ou_b' } });
  const [welcome] = await running.fake.waitFor(
    () => running?.fake.postedTo('oc_dm_new')[0] && running.fake.postedTo('oc_dm_new'),
    5_000,
    'the welcome',
  );
  expect(running.fake.textOf(welcome?.messageId ?? '')).toContain('直接发问题');
  expect(running.fake.postedTo('oc_dm_old')).toHaveLength(0);
});

it('answers the bot menu items 常见问题, 近期活动 and 订阅提醒 with cards to the person', async () => {
  running = await startScriptedBot({ withReminders: true });
  for (const key of ['faq', 'upcoming', 'subscribe']) {
    await deliver('application.bot.menu_v6', {
      operator: { operator_id: { open_id: `ou_menu_${key}` }, operator_name: '张三' },
      event_key: key,
      timestamp: '1',
    });
  }
  const titles = await running.fake.waitFor(
    () => {
      const cards = ['faq', 'upcoming', 'subscribe'].map((key) => running?.fake.postedTo(`ou_menu_${key}`)[0]);
      return cards.every(Boolean) ? cards.map((message) => JSON.stringify(message?.content)) : undefined;
    },
    5_000,
    'three menu cards',
  );
  expect(titles[0]).toContain('常见问题');
  expect(titles[1]).toMatch(/近期|提醒|活动/);
  expect(titles[2]).toContain('/subscribe');
  expect(running.fake.callsTo(/\/im\/v1\/messages$/, 'POST').every((call) => call.query.receive_id_type === 'open_id')).toBe(true);
});

it('does not answer a question recalled before it was answered', async () => {
  running = await startScriptedBot();
  await deliver('im.message.recalled_v1', { message_id: 'om_gone', chat_id: 'oc_group', recall_time: '1', recall_type: 'message_owner' });
  running.fake.recallIncoming('om_gone');
  await running.say({ messageId: 'om_gone' });
  await running.bot.running.bot.settled();
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(running.fake.callsTo(/om_gone\/reply$/)).toHaveLength(0);
});

it('withdraws the reply of a question recalled while it was being answered, and sends nothing more', async () => {
  running = await startScriptedBot({
    answers: new ScriptedAnswers({ partials: ['到2020年', '到2020年底', '到2020年底打造'], spacingMs: 300 }),
  });
  await running.say({ messageId: 'om_recall' });
  const reply = await running.fake.waitFor(() => running?.fake.repliesTo('om_recall')[0], 5_000, 'the pending card');
  await deliver('im.message.recalled_v1', { message_id: 'om_recall', chat_id: 'oc_group', recall_time: '1', recall_type: 'message_owner' });
  await running.fake.waitFor(() => running?.fake.messages.get(reply.messageId)?.recalled, 5_000, 'the reply withdrawn');
  await running.bot.running.bot.settled();
  expect(running.fake.textOf(reply.messageId)).not.toContain('10个左右');
  expect(running.fake.callsTo(new RegExp(`${reply.messageId}$`), 'DELETE')).toHaveLength(1);
});

it('removes and audits the reminder subscription of a dissolved chat and of a chat the bot was removed from', async () => {
  running = await startScriptedBot({ withReminders: true });
  const admin = { senderId: 'ou_admin' };
  for (const chatId of ['oc_dissolved', 'oc_removed']) {
    await running.say({ messageId: `om_sub_${chatId}`, chatId, text: '/subscribe', ...admin });
    await running.fake.waitFor(() => running?.fake.repliesTo(`om_sub_${chatId}`)[0], 5_000, 'the /subscribe reply');
  }
  await deliver('im.chat.disbanded_v1', { chat_id: 'oc_dissolved', operator_id: { open_id: 'ou_owner' }, external: false });
  await deliver('im.chat.member.bot.deleted_v1', { chat_id: 'oc_removed', operator_id: { open_id: 'ou_owner' }, external: false });
  await running.bot.running.bot.settled();
  const audit = readFileSync(join(running.bot.settings.dataDir, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Json);
  const removals = audit.filter((entry) => entry.action === 'unsubscribe');
  expect(removals.map((entry) => [entry.chatId, entry.args, entry.result])).toEqual([
    ['oc_dissolved', 'im.chat.disbanded_v1', 'ok'],
    ['oc_removed', 'im.chat.member.bot.deleted_v1', 'ok'],
  ]);
  await running.say({ messageId: 'om_check', chatId: 'oc_removed', text: '/reminders' });
  const check = await running.fake.waitFor(() => running?.fake.repliesTo('om_check')[0], 5_000, 'the /reminders reply');
  expect(running.fake.textOf(check.messageId)).toMatch(/未订阅|没有订阅|\/subscribe/);
});

it('puts a 「思考中」 reaction on the question while answering and takes it off after (LARK_THINKING_REACTION)', async () => {
  running = await startScriptedBot({ environment: { LARK_THINKING_REACTION: 'true' } });
  await running.say({ messageId: 'om_think' });
  await running.fake.waitFor(() => running?.fake.repliesTo('om_think')[0], 5_000, 'the reply');
  const reactions = await running.fake.waitFor(
    () => running?.fake.reactionsOn('om_think').find((reaction) => reaction.removed) && running.fake.reactionsOn('om_think'),
    5_000,
    'the reaction removed',
  );
  expect(reactions.map((reaction) => [reaction.emojiType, reaction.removed])).toEqual([['THINKING', true]]);
  const [add] = running.fake.callsTo(/om_think\/reactions$/, 'POST');
  const [answer] = running.fake.callsTo(/^\/open-apis\/im\/v1\/messages\/om_bot[^/]+$/, 'PATCH');
  const [remove] = running.fake.callsTo(/om_think\/reactions\/./, 'DELETE');
  expect(add && answer && remove && remove.time >= answer.time).toBe(true);
});
