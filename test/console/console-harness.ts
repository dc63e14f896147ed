// The admin console over a real bot: the seed index and real model, webhook mode against the fake Open
// Platform with Feishu login mounted, the real reminders, and Debian's Chromium driven by playwright-core.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { knowledgeAdminFor } from '../../src/app/index.js';
import { createApp, startAppBot, type Runtime } from '../../src/app/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { consoleSecret } from '../../src/console/index.js';
import { larkSettings } from '../../src/lark/index.js';
import type { RunningBot } from '../../src/app/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createPrometheusMetrics } from '../../src/ops/index.js';
import { fileReminderStores, createReminders, toRemindersSettings, type CronStarter } from '../../src/reminders/index.js';
import { FakeChats, FakeFeishu, FakeOAuth, messageEvent, WebhookClient, webhookEnvironment } from '../support/fake-feishu/index.js';
import { calendarYaml, WEEK_ENTRIES } from '../reminders/support/fixtures.js';
import { FAST_RETRY, SECRETS, seedRuntime, statusOf, testLogger } from '../support/lark-harness.js';

/** Debian's Chromium; CHROMIUM_PATH overrides it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const ADMIN = 'ou_admin';

/** One headless browser for a whole test file. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Everything a console test drives. */
export interface ConsoleHarness {
  base: string;
  runtime: Runtime;
  config: Config;
  fake: FakeFeishu;
  oauth: FakeOAuth;
  running: RunningBot;
  webhook: WebhookClient;
  /** The key sessions and links are signed with (derived from the app secret, as in production). */
  secret: string;
  /** Sends a text message from `sender` in a private chat; resolves with its message id. */
  sendText(sender: string, text: string, chatId?: string, chatType?: 'p2p' | 'group'): Promise<string>;
  close(): Promise<void>;
}

const manualCron: CronStarter = () => ({ stop: () => undefined });
let counter = 0;

/** Starts the bot with the console on, as `npm start` would with CONSOLE_ENABLED=1 and CONSOLE_OAUTH=1. */
export async function startConsoleBot(): Promise<ConsoleHarness> {
  const { root, runtime } = await seedRuntime({ copyDocs: true });
  const fake = await FakeFeishu.start();
  const oauth = FakeOAuth.install(fake);
  FakeChats.install(fake, { oc_group_1: '青创交流群' });
  const port = await freePort();
  const calendarFile = join(root, 'calendar.yaml');
  writeFileSync(calendarFile, calendarYaml(WEEK_ENTRIES));
  const config = loadConfig({
    ...webhookEnvironment(fake, SECRETS),
    PORT: String(port),
    DOCS_DIR: runtime.config.DOCS_DIR,
    INDEX_DIR: runtime.config.INDEX_DIR,
    DATA_DIR: runtime.config.DATA_DIR,
    ADMIN_OPEN_IDS: ADMIN,
    CALENDAR_FILE: calendarFile,
    REMINDER_GROUPS: 'staff=oc_staff',
    CONSOLE_ENABLED: '1',
    CONSOLE_OAUTH: '1',
    CONSOLE_AUTHORIZE_URL: oauth.authorizeUrl,
    CONSOLE_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'silent',
  });
  const settings = larkSettings(config);
  if (!settings) throw new Error('the console test does not configure the bot');
  const logger = testLogger();
  const knowledge = knowledgeAdminFor(runtime, silentLogger);
  const reminders = createReminders({
    settings: toRemindersSettings(config, config.DATA_DIR),
    logger: silentLogger,
    stores: fileReminderStores(toRemindersSettings(config, config.DATA_DIR).directory),
  });
  // the console is built by the app (CONSOLE_ENABLED=1), mounted beside /healthz on PORT
  const running = await startAppBot(createApp(config, { logger, runtime }), settings, {
    answers: await runtime.answerService(),
    status: statusOf(runtime),
    reminders,
    reminderScheduler: { cron: manualCron },
    knowledge,
    ops: { metrics: createPrometheusMetrics({ processMetrics: false }) },
    lark: { retry: FAST_RETRY, requestTimeoutMs: 5_000 },
  });
  const adminConsole = running.console;
  if (!adminConsole) throw new Error('CONSOLE_ENABLED=1 did not build the console');
  const webhook = new WebhookClient(`http://127.0.0.1:${running.port ?? port}${settings.webhookPath}`, SECRETS);
  return {
    base: `http://127.0.0.1:${running.port ?? port}`,
    runtime,
    config,
    fake,
    oauth,
    running,
    webhook,
    secret: consoleSecret(undefined, config.LARK_APP_SECRET),
    async sendText(sender, text, chatId = `oc_dm_${sender}`, chatType = 'p2p') {
      counter += 1;
      const messageId = `om_console_${counter}_${Date.now()}`;
      const response = await webhook.post(
        messageEvent(fake, SECRETS.verificationToken, {
          messageId,
          chatId,
          chatType,
          senderId: sender,
          text,
          mentionBot: chatType === 'group',
        }),
      );
      if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
      return messageId;
    },
    async close() {
      adminConsole.close();
      await running.stop(5_000);
      await fake.close();
    },
  };
}
