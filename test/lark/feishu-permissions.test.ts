// Issue 14 point 1: the permissions README.md tells operators to add are enough for every call the bot
// makes. The fake grants exactly the scopes README lists, and checks each API's scopes the way the
// platform does; a missing one reaches admins as a sentence that says what to do.
import { readFileSync } from 'node:fs';
import { Client, DefaultCache } from '@larksuiteoapi/node-sdk';
import { afterEach, expect, it } from 'vitest';
import { friendlyMessage } from '../../src/lark/index.js';
import { messageFileDownloader } from '../../src/lark/outbound/message-file.js';
import { sdkLogger } from '../../src/lark/transport/sdk-logger.js';
import { silentLogger } from '../../src/log/index.js';
import { FakeFeishu } from '../support/fake-feishu/index.js';
import { ScriptedAnswers } from './support/scripted-answers.js';
import { startScriptedBot, type ScriptedBot } from './support/scripted-bot.js';

/** The scopes of README's "Permissions & Scopes" step: every `scope` that starts a list item there. */
function readmeScopes(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('**Permissions & Scopes**'), readme.indexOf('**Events & Callbacks**'));
  return [...section.matchAll(/^\s+- `([a-z:._]+)`/gm)].map((found) => found[1] ?? '');
}

let fake: FakeFeishu | undefined;
let running: ScriptedBot | undefined;
afterEach(async () => {
  await running?.stop();
  await fake?.close();
  running = undefined;
  fake = undefined;
});

it('lists a scope that lets the bot download the files admins send (im:resource covers only the app’s own)', async () => {
  const scopes = readmeScopes();
  expect(scopes).toContain('im:message:send_as_bot');
  fake = await FakeFeishu.start({ scopes });
  fake.noteIncoming('om_upload', 'oc_dm');
  fake.addMessageFile('om_upload', 'file_v3_1', Buffer.from('%PDF-1.4 policy'));
  const client = new Client({ ...fake.credentials, domain: fake.baseUrl, cache: new DefaultCache(), logger: sdkLogger(silentLogger) });
  const download = messageFileDownloader(client, 5_000);
  const bytes = await download({ messageId: 'om_upload', fileKey: 'file_v3_1', fileName: 'a.pdf', maxBytes: 1_000_000 });
  expect(bytes.toString()).toBe('%PDF-1.4 policy');
});

it('answers and streams with only the scopes README lists', async () => {
  running = await startScriptedBot({
    fake: { scopes: readmeScopes() },
    streamsAnswers: true,
    answers: new ScriptedAnswers({ partials: ['到2020年', '到2020年底打造'], spacingMs: 20 }),
  });
  await running.say({ messageId: 'om_perm' });
  const reply = await running.fake.waitFor(() => running?.fake.repliesTo('om_perm')[0], 5_000, 'the reply');
  await running.fake.waitFor(() => running?.fake.entityOf(reply.messageId)?.streaming === false, 5_000, 'the final card');
  expect(running.fake.calls.filter((call) => call.code === 99991672)).toEqual([]);
});

it('tells admins which step to take when a scope is missing', async () => {
  fake = await FakeFeishu.start({ scopes: ['im:message:send_as_bot'] });
  fake.addMessageFile('om_upload', 'file_v3_1', Buffer.from('%PDF-1.4'));
  const client = new Client({ ...fake.credentials, domain: fake.baseUrl, cache: new DefaultCache(), logger: sdkLogger(silentLogger) });
  const failure = await messageFileDownloader(
    client,
    5_000,
  )({ messageId: 'om_upload', fileKey: 'file_v3_1', fileName: 'a.pdf', maxBytes: 1_000 }).catch((error: unknown) => error);
  expect(failure).toMatchObject({ name: 'LarkError', details: { platformCode: 99991672 } });
  expect(friendlyMessage(failure)).toContain('权限');
});
