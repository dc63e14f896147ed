// Issue 14 point 8, the long connection end to end: the bot's real SDK WSClient asks the fake for its
// endpoint, connects to a loopback WebSocket speaking the SDK's protobuf frames, and receives events
// there. Events are acknowledged only after the handler has finished, and a card action's reply
// (toast and new card) travels back inside the ack.
import { afterEach, expect, it } from 'vitest';
import { cardActionEvent, messageEvent, platformEvent, type FakeLongConnection } from '../../support/fake-feishu/index.js';
import { SECRETS } from '../../support/lark-harness.js';
import { startScriptedBot, type ScriptedBot } from '../support/scripted-bot.js';

let running: ScriptedBot | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function connect(): Promise<{ bot: ScriptedBot; connection: FakeLongConnection }> {
  running = await startScriptedBot({ fake: { longConnection: true }, environment: { LARK_MODE: 'long-connection' } });
  const connection = running.fake.longConnection;
  if (!connection) throw new Error('the fake has no long connection');
  await connection.connected();
  return { bot: running, connection };
}

it('acknowledges an event only after its handler has finished (the welcome card is posted first)', async () => {
  const { bot, connection } = await connect();
  expect(bot.fake.callsTo(/^\/callback\/ws\/endpoint$/, 'POST')).toHaveLength(1);
  bot.fake.slowNext({ method: 'POST', path: /^\/open-apis\/im\/v1\/messages$/, times: 1, delayMs: 600 });
  const pushed = Date.now();
  const ack = await connection.push(
    platformEvent(bot.fake, SECRETS.verificationToken, 'im.chat.member.bot.added_v1', {
      chat_id: 'oc_ws_new',
      operator_id: { open_id: 'ou_admin' },
    }),
  );
  expect(ack.code).toBe(200);
  expect(ack.at - pushed).toBeGreaterThanOrEqual(600);
  expect(bot.fake.postedTo('oc_ws_new')).toHaveLength(1);
});

it('acknowledges a message once it is claimed and queued, and answers it', async () => {
  const { bot, connection } = await connect();
  // the answer itself comes after the ack: the durable claim lets another instance take it over if this one dies
  const ack = await connection.push(
    messageEvent(bot.fake, SECRETS.verificationToken, {
      messageId: 'om_ws1',
      chatId: 'oc_group',
      text: '南通打造多少个众创社区？',
      mentionBot: true,
    }),
  );
  expect(ack.code).toBe(200);
  const reply = await bot.fake.waitFor(() => bot.fake.repliesTo('om_ws1')[0], 5_000, 'the reply');
  await bot.fake.waitFor(() => bot.fake.textOf(reply.messageId).includes('10个左右'), 5_000, 'the answer');
  expect(bot.fake.repliesTo('om_ws1')).toHaveLength(1);
});

it('carries a card action reply (toast and the new card) back in the ack, applied within the 3 s deadline', async () => {
  const { bot, connection } = await connect();
  await connection.push(
    messageEvent(bot.fake, SECRETS.verificationToken, {
      messageId: 'om_ws2',
      chatId: 'oc_group',
      text: '南通打造多少个众创社区？',
      mentionBot: true,
    }),
  );
  const reply = await bot.fake.waitFor(() => bot.fake.repliesTo('om_ws2')[0], 5_000, 'the reply');
  await bot.fake.waitFor(() => bot.fake.textOf(reply.messageId).includes('10个左右'), 5_000, 'the answer');
  const pushed = Date.now();
  const ack = await connection.push(
    cardActionEvent(bot.fake, SECRETS.verificationToken, {
      messageId: reply.messageId,
      chatId: 'oc_group',
      operatorId: 'ou_user_1',
      value: { action: 'feedback', vote: 'up', ref: 'om_ws2' },
    }),
  );
  expect(ack.code).toBe(200);
  expect(ack.data).toMatchObject({ card: { type: 'raw' } });
  expect(bot.fake.applyCallbackResponse(reply.messageId, ack.data, ack.at - pushed)).toBe('applied');
  expect(bot.fake.textOf(reply.messageId)).toContain('已记录反馈');
});
