import type { Logger } from '../../log/index.js';
import { RemindersError, whenText, type CalendarEntry, type RemindersService } from '../../reminders/index.js';
import { noticeCard } from '../cards/notice-card.js';
import { friendlyMessage, remindersMessage } from '../answering/friendly-messages.js';
import type { MessageContext } from '../inbound/middleware.js';
import type { Command } from './route-commands.js';
import { noAudit, type RecordAdminAction } from './admin-audit.js';
import type { IsAdmin } from './admin-policy.js';

const NOT_ADMIN = '只有管理员可以管理本群的提醒。可以发送 /reminders 查看近期提醒。';

/** `/remind` sub-commands, with Chinese names. */
const SUBCOMMANDS: Record<string, 'add' | 'remove' | 'pause' | 'resume'> = {
  add: 'add',
  添加: 'add',
  remove: 'remove',
  删除: 'remove',
  pause: 'pause',
  暂停: 'pause',
  resume: 'resume',
  恢复: 'resume',
};

function entryLine(entry: CalendarEntry): string {
  return `「${entry.title}」（${whenText(entry.when)}，编号 ${entry.id}）`;
}

/**
 * The reminder commands: `/reminders` for everyone, `/subscribe`, `/unsubscribe` and `/remind …` for
 * admins (a polite refusal for others). Every RemindersError becomes a Chinese reply; anything else
 * is logged and answered with the generic sentence.
 */
export function reminderCommands(options: {
  service: RemindersService;
  isAdmin: IsAdmin;
  logger: Logger;
  audit?: RecordAdminAction;
}): Command[] {
  const { service, isAdmin, logger } = options;
  const audit = options.audit ?? noAudit;

  /** Runs an admin action in the message's chat; refusals and failures are replies, never exceptions. */
  const asAdmin =
    (title: string, name: string, action: (context: MessageContext, args: string) => Promise<string>) =>
    async (context: MessageContext, args: string): Promise<void> => {
      const { senderId, chatId } = context.message;
      if (!isAdmin(context.message)) {
        logger.info('lark.reminders_refused', { chatId, senderId, command: title });
        await context.reply(noticeCard('没有权限', { text: NOT_ADMIN }, 'orange'));
        return;
      }
      let card;
      const audited = name === 'remind' ? `remind ${SUBCOMMANDS[(args.split(/\s+/)[0] ?? '').toLowerCase()] ?? '?'}` : name;
      try {
        const text = await action(context, args);
        card = noticeCard(title, { text }, 'green');
        await audit(context, audited, args, { ok: true, detail: text });
      } catch (error) {
        if (!(error instanceof RemindersError)) logger.error('lark.reminders_command_failed', { chatId, command: title, error });
        const text = error instanceof RemindersError ? remindersMessage(error, args.split(/\s+/)[1]) : friendlyMessage(error);
        card = noticeCard(title, { text }, 'orange');
        await audit(context, audited, args, { ok: false, detail: error instanceof Error ? error.message : String(error) });
      }
      await context.reply(card);
    };

  const remind = async (context: MessageContext, args: string): Promise<string> => {
    const [word = '', ...rest] = args.split(/\s+/);
    const sub = SUBCOMMANDS[word.toLowerCase()];
    const by = context.message.senderId;
    const { chatId } = context.message;
    if (!sub) throw new RemindersError('invalid-command', `unknown /remind sub-command "${word}"`);
    if (sub === 'add') {
      const entry = await service.add(chatId, rest.join(' '), by);
      return `已添加提醒${entryLine(entry)}，到时会发到本群。取消：/remind remove ${entry.id}`;
    }
    const id = rest[0];
    if (!id || rest.length > 1) throw new RemindersError('invalid-command', `/remind ${sub} needs one id`);
    if (sub === 'remove') return `已删除提醒${entryLine(await service.remove(id, by))}。`;
    if (sub === 'pause') return `已暂停提醒${entryLine(await service.pause(id, by))}；恢复：/remind resume ${id}`;
    return `已恢复提醒${entryLine(await service.resume(id, by))}。`;
  };

  return [
    {
      name: 'reminders',
      aliases: ['近期提醒', '提醒'],
      run: async (context) => {
        let card;
        try {
          card = await service.upcomingCard(context.message.chatId);
        } catch (error) {
          logger.error('lark.reminders_list_failed', { chatId: context.message.chatId, error });
          card = noticeCard('近期提醒', { text: friendlyMessage(error) }, 'orange');
        }
        await context.reply(card);
      },
    },
    {
      name: 'subscribe',
      aliases: ['订阅'],
      run: asAdmin('订阅提醒', 'subscribe', async (context) =>
        (await service.subscribe(context.message.chatId, context.message.senderId)).changed
          ? '本群已订阅：每周一会收到近期活动与截止摘要，以及日程提醒。取消：/unsubscribe'
          : '本群已经订阅过了。取消：/unsubscribe',
      ),
    },
    {
      name: 'unsubscribe',
      aliases: ['取消订阅'],
      run: asAdmin('取消订阅', 'unsubscribe', async (context) =>
        (await service.unsubscribe(context.message.chatId, context.message.senderId)).changed
          ? '本群已取消订阅，不再收到摘要和日程提醒（本群用 /remind add 添加的提醒照常发送）。'
          : '本群没有订阅提醒。',
      ),
    },
    {
      name: 'remind',
      aliases: ['设置提醒'],
      run: asAdmin('设置提醒', 'remind', remind),
    },
  ];
}
