import type { Logger } from '../../log/index.js';
import { noticeCard } from '../cards/notice-card.js';
import type { Command } from './route-commands.js';
import type { RecordAdminAction } from './admin-audit.js';
import { requireAdmin, type IsAdmin } from './admin-policy.js';

/** Issues a one-time login link to the admin console for an admin's open_id; undefined = that person may not log in. */
export type IssueConsoleLink = (openId: string) => Promise<{ url: string; minutes: number } | undefined>;

/**
 * `/console` (控制台): a one-time login link, only in a private chat with the bot, so nobody else in a
 * group can click it first.
 */
export function consoleCommand(deps: { issue: IssueConsoleLink; isAdmin: IsAdmin; logger: Logger; audit: RecordAdminAction }): Command {
  return {
    name: 'console',
    aliases: ['控制台'],
    run: async (context) => {
      if (!(await requireAdmin(context, deps, 'console', '只有管理员可以登录管理控制台。'))) return;
      if (context.message.chatType !== 'p2p') {
        await context.reply(noticeCard('管理控制台', { text: '登录链接只在私聊中发送：请私聊机器人发送 /console。' }, 'orange'));
        return;
      }
      const link = await deps.issue(context.message.senderId);
      if (!link) {
        await context.reply(noticeCard('管理控制台', { text: '你的账号不在 ADMIN_OPEN_IDS 中，不能登录管理控制台。' }, 'orange'));
        await deps.audit(context, 'console login link', '', { ok: false, detail: 'not in ADMIN_OPEN_IDS' });
        return;
      }
      await context.reply(
        noticeCard('管理控制台', { markdown: `[打开管理控制台](${link.url})\n\n链接 ${link.minutes} 分钟内有效，只能使用一次。` }),
      );
      await deps.audit(context, 'console login link', '', { ok: true });
    },
  };
}
