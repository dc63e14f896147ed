import type { Config } from '../../config/index.js';
import { createStorage } from '../../app/index.js';
import type { Logger } from '../../log/index.js';
import { printingSender, toRemindersSettings, type Sender, type SendLog, type StateStore } from '../../reminders/index.js';
import { calendarCheckCommand, calendarExtractCommand } from './calendar-command.js';
import { remindersPreviewCommand, remindersSendTestCommand } from './reminders-command.js';

/** Flags of the calendar and reminders commands. */
interface ReminderFlags {
  out?: string;
  from?: string;
  to?: string;
  json: boolean;
  dryRun: boolean;
}

export const REMINDER_USAGE = `  calendar extract [--out FILE]  propose calendar entries from DOCS_DIR into a review file
  calendar check                validate CALENDAR_FILE (problems with line numbers)
  reminders preview [--from DATE] [--to DATE] [--json]   every reminder send in the range and when
  reminders send-test CHAT [--dry-run]                   send one sample reminder card to a chat`;

/** Thrown for a calendar/reminders command line that cannot be run as given. */
export class ReminderUsageError extends Error {}

/** `calendar …` and `reminders …`: one place that maps sub-commands to their functions. */
export async function remindersCli(
  command: 'calendar' | 'reminders',
  rest: string[],
  flags: ReminderFlags,
  config: Config,
  logger: Logger,
  feishuSender?: () => Promise<Sender | undefined>,
): Promise<number> {
  const settings = toRemindersSettings(config, config.DATA_DIR);
  const [sub, chat] = rest;
  if (command === 'calendar') {
    const input = { docsDir: config.DOCS_DIR, settings, logger };
    if (sub === 'extract') return calendarExtractCommand(input, flags.out ? { out: flags.out } : {});
    if (sub === 'check') return calendarCheckCommand(input);
    throw new ReminderUsageError('calendar needs extract or check');
  }
  if (sub !== 'preview' && !(sub === 'send-test' && chat)) throw new ReminderUsageError('reminders needs preview or send-test CHAT');
  return withSharedStores(config, logger, async (shared) => {
    const input = { settings, logger, shared };
    if (sub === 'preview') {
      return remindersPreviewCommand(input, {
        ...(flags.from ? { from: flags.from } : {}),
        ...(flags.to ? { to: flags.to } : {}),
        json: flags.json,
      });
    }
    const sender = flags.dryRun ? printingSender((text) => process.stdout.write(text)) : await feishuSender?.();
    if (!sender) throw new ReminderUsageError('reminders send-test needs LARK_APP_ID and LARK_APP_SECRET (or --dry-run to print the card)');
    return remindersSendTestCommand({ ...input, sender }, { chat: chat ?? '' });
  });
}

/** STORE=postgres: the instances' shared subscriptions and send log (as `npm start` opens them), for the command's run. */
async function withSharedStores<T>(
  config: Config,
  logger: Logger,
  run: (shared?: { state: StateStore; sendLog: SendLog }) => Promise<T>,
): Promise<T> {
  const storage = createStorage(config, logger);
  try {
    const shared = await storage.reminderStores();
    const sendLog = shared?.scheduler.sendLog;
    return await run(shared && sendLog ? { state: shared.state, sendLog } : undefined);
  } finally {
    await storage.close();
  }
}
