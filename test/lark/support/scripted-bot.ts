// A bot over a scripted AnswerService against a fresh fake platform: the setup of the issue-14 tests.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnswerService } from '../../../src/answer/index.js';
import type { BotStatus } from '../../../src/lark/index.js';
import type { RetryPolicy } from '../../../src/retry/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { systemClock } from '../../../src/clock/index.js';
import { fileReminderStores, createReminders, toRemindersSettings, type Reminders } from '../../../src/reminders/index.js';
import { calendarYaml, WEEK_ENTRIES } from '../../reminders/support/fixtures.js';
import { FakeFeishu, messageEvent, type FakeFeishuOptions, type MessageEventInput } from '../../support/fake-feishu/index.js';
import { SECRETS, settingsFor, startBot, type Harness } from '../../support/lark-harness.js';
import { ScriptedAnswers } from './scripted-answers.js';
import { testManifest } from '../../support/test-manifest.js';

const manifest = testManifest();
const status: BotStatus = { manifest: () => manifest, answerMode: 'scripted', startedAt: Date.now() };

/** A started fake and bot; `stop()` closes both. */
export interface ScriptedBot {
  fake: FakeFeishu;
  bot: Harness;
  /** Posts a message event (a group @mention unless told otherwise) and expects it acknowledged. */
  say(input: Partial<MessageEventInput> & { messageId: string }): Promise<void>;
  stop(): Promise<void>;
}

/** The real reminders over a week's calendar in `dataDir`, their scheduler never firing on its own. */
function remindersFor(fake: FakeFeishu, dataDir: string): { reminders: Reminders; environment: Record<string, string> } {
  const calendarFile = join(dataDir, 'calendar.yaml');
  writeFileSync(calendarFile, calendarYaml(WEEK_ENTRIES));
  const environment = { CALENDAR_FILE: calendarFile, REMINDER_GROUPS: 'staff=oc_staff' };
  const { config } = settingsFor(fake, dataDir, environment);
  const settings = toRemindersSettings(config, config.DATA_DIR);
  return {
    reminders: createReminders({ settings, clock: systemClock, logger: silentLogger, stores: fileReminderStores(settings.directory) }),
    environment,
  };
}

export async function startScriptedBot(
  options: {
    answers?: AnswerService;
    fake?: FakeFeishuOptions;
    environment?: Record<string, string>;
    streamsAnswers?: boolean;
    withReminders?: boolean;
    retry?: RetryPolicy;
  } = {},
): Promise<ScriptedBot> {
  const fake = await FakeFeishu.start(options.fake ?? {});
  const dataDir = mkdtempSync(join(tmpdir(), 'lark-scripted-'));
  const reminders = options.withReminders ? remindersFor(fake, dataDir) : undefined;
  const bot = await startBot({
    fake,
    dataDir,
    answers: options.answers ?? new ScriptedAnswers(),
    status,
    ...(options.environment || reminders ? { environment: { ...options.environment, ...reminders?.environment } } : {}),
    ...(options.streamsAnswers !== undefined ? { streamsAnswers: options.streamsAnswers } : {}),
    ...(reminders ? { reminders: reminders.reminders, reminderScheduler: { cron: () => ({ stop: () => undefined }) } } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  return {
    fake,
    bot,
    async say(input) {
      const response = await bot.webhook.post(
        messageEvent(fake, SECRETS.verificationToken, { chatId: 'oc_group', text: '南通打造多少个众创社区？', mentionBot: true, ...input }),
      );
      if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    },
    async stop() {
      await bot.running.stop(2_000);
      await fake.close();
    },
  };
}
