// Issue 14 point 4: a rate limit whose reset (x-ogw-ratelimit-reset) is longer than the retry budget
// must not lose the final answer card: it is held until the limit resets and then delivered.
import { afterEach, expect, it } from 'vitest';
import { ScriptedAnswers } from './support/scripted-answers.js';
import { startScriptedBot, type ScriptedBot } from './support/scripted-bot.js';

const SHORT_RETRY = { attempts: 2, baseDelayMs: 10, maxDelayMs: 300, rateLimitFloorMs: 100 };
const LIMITED = {
  status: 429,
  body: { code: 99991400, msg: 'request trigger frequency limit' },
  headers: { 'x-ogw-ratelimit-reset': '1' },
};
let running: ScriptedBot | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

it('holds the final PATCH of the card until the rate limit resets, then delivers it', async () => {
  running = await startScriptedBot({ retry: SHORT_RETRY });
  const { fake } = running;
  fake.failNext({ method: 'PATCH', path: /^\/open-apis\/im\/v1\/messages\/om_bot/, times: 1, ...LIMITED });
  await running.say({ messageId: 'om_r1' });
  const reply = await fake.waitFor(() => fake.repliesTo('om_r1')[0], 5_000, 'the pending card');
  await fake.waitFor(() => fake.textOf(reply.messageId).includes('10个左右'), 8_000, 'the held final card');
  const patches = fake.callsTo(/^\/open-apis\/im\/v1\/messages\/om_bot/, 'PATCH');
  expect(patches.map((call) => call.status)).toEqual([429, 200]);
  expect((patches[1]?.time ?? 0) - (patches[0]?.time ?? 0)).toBeGreaterThanOrEqual(950);
});

it('holds the final card entity update the same way in CardKit mode, and still closes streaming', async () => {
  running = await startScriptedBot({
    retry: SHORT_RETRY,
    answers: new ScriptedAnswers({ partials: ['到2020年', '到2020年底打造'], spacingMs: 20 }),
    streamsAnswers: true,
  });
  const { fake } = running;
  fake.failNext({ method: 'PUT', path: /^\/open-apis\/cardkit\/v1\/cards\/[^/]+$/, times: 1, ...LIMITED });
  await running.say({ messageId: 'om_r2' });
  const reply = await fake.waitFor(() => fake.repliesTo('om_r2')[0], 5_000, 'the pending card');
  await fake.waitFor(() => fake.entityOf(reply.messageId)?.streaming === false, 8_000, 'streaming closed');
  expect(fake.textOf(reply.messageId)).toContain('到2020年底打造');
  expect(JSON.stringify(fake.cardOf(reply.messageId))).toContain('👍');
});
