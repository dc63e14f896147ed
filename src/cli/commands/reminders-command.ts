import { createHash } from 'node:crypto';
import { frozenClock, systemClock, type Clock } from '../../clock/index.js';
import type { Logger } from '../../log/index.js';
import {
  createReminders,
  foldLog,
  isPast,
  formatPreviewLine,
  parseCliTime,
  previewSends,
  renderCard,
  sampleMessage,
  sendSafely,
  type RemindersSettings,
  type ReminderStores,
  type Sender,
} from '../../reminders/index.js';

/** What the reminders commands read. */
interface RemindersCommandInput {
  settings: RemindersSettings;
  logger: Logger;
  clock?: Clock;
  /** The stores `npm start` would use: the files in DATA_DIR/reminders, or the shared tables under STORE=postgres. */
  stores: ReminderStores;
}

const DAY_MS = 86_400_000;
/** Stands for "every subscribed chat" in a preview when no chat has subscribed yet. */
const SUBSCRIBERS_PLACEHOLDER = '<订阅群>';

/**
 * `reminders preview [--from DATE] [--to DATE] [--json]`: every send the schedule holds in the range
 * (default: the next 30 days) and when, with sends already on record marked; 时间待定 entries listed.
 */
export async function remindersPreviewCommand(
  input: RemindersCommandInput,
  flags: { from?: string | undefined; to?: string | undefined; json?: boolean } = {},
): Promise<number> {
  const { settings } = input;
  const now = (input.clock ?? systemClock).now();
  const from = flags.from ? parseCliTime(flags.from, settings.timeZone, 'start') : now;
  const to = flags.to ? parseCliTime(flags.to, settings.timeZone, 'end') : from + 30 * DAY_MS;
  const { service } = createReminders({
    settings,
    logger: input.logger,
    clock: frozenClock(now),
    stores: input.stores,
  });
  const { calendar, audience } = await service.snapshot();
  const placeholder = audience.subscribed.length === 0;
  const seen = placeholder ? { ...audience, subscribed: [SUBSCRIBERS_PLACEHOLDER] } : audience;
  const ledger = foldLog(await input.stores.sendLog.read());
  const items = previewSends(calendar, ledger, from, to, {
    timeZone: settings.timeZone,
    audience: seen,
    digest: { fields: settings.digestFields, days: settings.digestDays },
  });
  if (flags.json) {
    for (const item of items) {
      process.stdout.write(
        `${JSON.stringify({ at: new Date(item.scheduledAt).toISOString(), chat: item.key.chat, entry: item.key.entry, occurrence: item.key.occurrence, status: item.status, type: item.message.type })}\n`,
      );
    }
    return 0;
  }
  const lines = items.map((item) => formatPreviewLine(item, settings.timeZone));
  process.stdout.write(
    [
      `Sends from ${new Date(from).toISOString()} to ${new Date(to).toISOString()} (${settings.timeZone}); ${items.filter((item) => item.status === 'send').length} to send.`,
      ...(placeholder ? [`No chat has subscribed yet: ${SUBSCRIBERS_PLACEHOLDER} stands for every chat that will run /subscribe.`] : []),
      ...(lines.length > 0 ? lines : ['(nothing scheduled in this range)']),
      ...calendar.entries
        .filter((entry) => entry.status === 'active' && entry.when.type === 'tbd')
        .map(
          (entry) =>
            `时间待定（从不排期）: ${entry.id} ${entry.title}${isPast(entry, from, settings.timeZone) ? '（所属年份已过，摘要中不再列出）' : ''}`,
        ),
    ].join('\n') + '\n',
  );
  return 0;
}

/** `reminders send-test CHAT`: sends one sample reminder card (marked 测试) through the given Sender. */
export async function remindersSendTestCommand(
  input: RemindersCommandInput & { sender: Sender },
  flags: { chat: string },
): Promise<number> {
  const { settings } = input;
  const now = (input.clock ?? systemClock).now();
  const { service } = createReminders({
    settings,
    logger: input.logger,
    clock: frozenClock(now),
    stores: input.stores,
  });
  const message = sampleMessage((await service.snapshot()).calendar, now, settings.timeZone);
  const card = renderCard(message, { now, timeZone: settings.timeZone, test: true });
  const uuid = `rt-${createHash('sha256').update(`${flags.chat}|${now}`).digest('hex').slice(0, 40)}`;
  const result = await sendSafely(input.sender, flags.chat, card, uuid);
  if (result.ok) {
    process.stdout.write(`${JSON.stringify({ ok: true, chat: flags.chat, messageId: result.messageId, uuid, entry: message.entry.id })}\n`);
    return 0;
  }
  process.stderr.write(`send failed: ${result.error.code}${result.error.isRetryable ? ' (retryable)' : ''}: ${result.error.message}\n`);
  process.stdout.write(
    `${JSON.stringify({ ok: false, chat: flags.chat, code: result.error.code, retryable: result.error.isRetryable, uuid })}\n`,
  );
  return 1;
}
