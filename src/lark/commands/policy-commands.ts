import type { Logger } from '../../log/index.js';
import type { NoticesService } from '../../notices/index.js';
import { noticeCard } from '../cards/notice-card.js';
import { friendlyMessage } from '../answering/friendly-messages.js';
import type { MessageContext } from '../inbound/middleware.js';
import type { RecordAdminAction } from './admin-audit.js';
import { requireAdmin, type IsAdmin } from './admin-policy.js';
import type { Command } from './route-commands.js';

/** The words after /subscribe that mean new-policy cards rather than reminders. */
const POLICY_WORDS = new Set(['policies', 'policy', '政策', '新政策']);

const NOT_ADMIN = '只有管理员可以为本群订阅新政策通知。';

/** What the policy subscription commands need from the bot. */
interface PolicyCommandDeps {
  notices: NoticesService;
  isAdmin: IsAdmin;
  logger: Logger;
  audit: RecordAdminAction;
  /** The documents served now (a chat that subscribes is not sent these); undefined while no index is loaded. */
  known(): string[] | undefined;
}

/** True when the arguments ask for new-policy cards: `/subscribe policies`, `/订阅 政策`. */
function isPolicyArgument(args: string): boolean {
  return POLICY_WORDS.has((args.split(/\s+/)[0] ?? '').toLowerCase());
}

async function subscribe(deps: PolicyCommandDeps, context: MessageContext): Promise<string> {
  const known = deps.known();
  // without the served list every document would count as new to the chat once the index loads
  if (!known) return '知识库还没有加载完成，请稍后再订阅。';
  const { changed } = await deps.notices.subscribe(context.message.chatId, context.message.senderId, known);
  if (!changed) return '本群已经订阅了新政策通知。取消：/unsubscribe policies';
  return `本群已订阅新政策通知：今后每收录一份新文件，本群会收到一张卡片（标题、发文单位、执行期、状态，以及与本群提问最相关的几条措施和原文出处）。已收录的 ${known.length} 份文件不会补发。取消：/unsubscribe policies`;
}

async function unsubscribe(deps: PolicyCommandDeps, context: MessageContext): Promise<string> {
  const { changed } = await deps.notices.unsubscribe(context.message.chatId);
  return changed ? '本群已取消新政策通知。' : '本群没有订阅新政策通知。';
}

/** Runs one policy subscription change for an admin, audited; a failure is a reply, never an exception. */
async function runAsAdmin(
  deps: PolicyCommandDeps,
  context: MessageContext,
  args: string,
  name: 'subscribe' | 'unsubscribe',
): Promise<void> {
  const title = name === 'subscribe' ? '订阅新政策' : '取消新政策订阅';
  if (!(await requireAdmin(context, deps, `${name} policies`, NOT_ADMIN))) return;
  try {
    const text = await (name === 'subscribe' ? subscribe(deps, context) : unsubscribe(deps, context));
    await deps.audit(context, `${name} policies`, args, { ok: true, detail: text });
    await context.reply(noticeCard(title, { text }, 'green'));
  } catch (error) {
    deps.logger.error('lark.policy_subscription_failed', { chatId: context.message.chatId, error });
    await deps.audit(context, `${name} policies`, args, { ok: false, detail: error instanceof Error ? error.message : String(error) });
    await context.reply(noticeCard(title, { text: friendlyMessage(error) }, 'orange'));
  }
}

/**
 * Extends `/subscribe` and `/unsubscribe` with the `policies` argument (new-policy cards); any other
 * argument goes to the command as it was (the reminders'), or, without reminders, gets a usage line.
 */
export function withPolicySubscriptions(commands: Command[], deps: PolicyCommandDeps): Command[] {
  const extend = (name: 'subscribe' | 'unsubscribe', aliases: string[]): Command => {
    const before = commands.find((command) => command.name === name);
    return {
      name,
      aliases: before?.aliases ?? aliases,
      run: async (context, args) => {
        if (isPolicyArgument(args)) return runAsAdmin(deps, context, args, name);
        if (before) return before.run(context, args);
        await context.reply(noticeCard('订阅', { text: `用法：/${name} policies（新政策通知）。这个机器人没有启用日程提醒。` }, 'orange'));
      },
    };
  };
  const others = commands.filter((command) => command.name !== 'subscribe' && command.name !== 'unsubscribe');
  return [...others, extend('subscribe', ['订阅']), extend('unsubscribe', ['取消订阅'])];
}
