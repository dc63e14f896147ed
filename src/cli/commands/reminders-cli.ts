import type { App } from '../../app/index.js';
import { printingSender, toRemindersSettings, type Sender } from '../../reminders/index.js';
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
  app: App,
  feishuSender?: () => Promise<Sender | undefined>,
): Promise<number> {
  const { config, logger } = app;
  const settings = toRemindersSettings(config, config.DATA_DIR);
  const [sub, chat] = rest;
  if (command === 'calendar') {
    const input = { docsDir: config.DOCS_DIR, settings, logger };
    if (sub === 'extract') return calendarExtractCommand(input, flags.out ? { out: flags.out } : {});
    if (sub === 'check') return calendarCheckCommand(input);
    throw new ReminderUsageError('calendar needs extract or check');
  }
  if (sub !== 'preview' && !(sub === 'send-test' && chat)) throw new ReminderUsageError('reminders needs preview or send-test CHAT');
  // the subscriptions and send log `npm start` uses: files, or the instances' shared tables
  const input = { settings, logger, stores: await app.storage.reminderStores() };
  if (sub === 'preview') {
    return remindersPreviewCommand(input, {
      from: flags.from,
      to: flags.to,
      json: flags.json,
    });
  }
  const sender = flags.dryRun ? printingSender((text) => process.stdout.write(text)) : await feishuSender?.();
  if (!sender) throw new ReminderUsageError('reminders send-test needs LARK_APP_ID and LARK_APP_SECRET (or --dry-run to print the card)');
  return remindersSendTestCommand({ ...input, sender }, { chat: chat ?? '' });
}
