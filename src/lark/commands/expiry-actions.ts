import { z } from 'zod';
import type { KnowledgeAdmin } from '../../admin/index.js';
import type { Logger } from '../../log/index.js';
import type { MatchDocument } from '../../match/index.js';
import { EXPIRY_ACTIONS, type NoticesService } from '../../notices/index.js';
import type { Clock } from '../../clock/index.js';
import { friendlyMessage } from '../answering/friendly-messages.js';
import type { CardJson } from '../../cards/index.js';
import type { AuditLog } from '../store/audit-log.js';
import type { IsAdmin } from './admin-policy.js';
import type { CardAction, CardActionHandlers, CardActionReply } from '../inbound/card-actions.js';

const valueSchema = z.object({ action: z.enum([EXPIRY_ACTIONS.remove, EXPIRY_ACTIONS.keep]), source: z.string().min(1), week: z.string() });

/** What the expiry card's buttons need from the bot. */
interface ExpiryActionDeps {
  notices: NoticesService;
  /** Removing documents from chat; without it 「移除」 says to remove the file on the server. */
  knowledge?: KnowledgeAdmin | undefined;
  documents(): MatchDocument[];
  isAdmin: IsAdmin;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  /** Replaces the clicked card once a slow action (a removal's re-index) has finished. */
  update(messageId: string, card: CardJson): Promise<void>;
  /** Runs slow work after the click has been answered (the platform waits 3 s at most). */
  background(work: () => Promise<void>): void;
}

/**
 * The expiry card's 「仍然有效」 and 「移除」: admins only, each audited, each answered with the card as it
 * now stands and a line saying what was done. A removal re-indexes, so the click is answered at once
 * and the card is updated again when the document is gone.
 */
export function expiryActionHandlers(deps: ExpiryActionDeps): CardActionHandlers {
  const audit = async (action: CardAction, name: string, source: string, ok: boolean, detail: string): Promise<void> => {
    await deps.audit
      .record({
        time: new Date(deps.clock.now()).toISOString(),
        actor: action.operatorId,
        chatId: action.chatId,
        action: name,
        args: source,
        result: ok ? 'ok' : 'failed',
        detail: detail.slice(0, 500),
      })
      .catch((error: unknown) => deps.logger.error('lark.audit_failed', { action: name, error }));
  };
  const titleOf = (source: string): string => deps.documents().find((document) => document.source === source)?.title ?? source;
  const cardNow = async (week: string, done: string): Promise<CardJson> => deps.notices.expiryCardNow(deps.documents(), week, done);

  const handle = async (action: CardAction): Promise<CardActionReply> => {
    const parsed = valueSchema.safeParse(action.value);
    if (!parsed.success) return { toast: { type: 'warning', content: '无法识别这个操作。' } };
    const { source, week } = parsed.data;
    if (!deps.isAdmin({ senderId: action.operatorId, chatId: action.chatId })) {
      deps.logger.info('lark.admin_refused', { command: parsed.data.action, senderId: action.operatorId, chatId: action.chatId });
      return { toast: { type: 'warning', content: '只有管理员可以处理文件的到期状态。' } };
    }
    const title = titleOf(source);
    if (parsed.data.action === EXPIRY_ACTIONS.keep) {
      await deps.notices.confirmInForce(source, action.operatorId);
      await audit(action, 'expiry keep', source, true, `《${title}》标记为仍然有效`);
      return {
        toast: { type: 'success', content: '已标记为仍然有效。' },
        card: { type: 'raw', data: await cardNow(week, `已确认《${title}》仍然有效：回答不再提示它已到期。`) },
      };
    }
    const knowledge = deps.knowledge;
    if (!knowledge) return { toast: { type: 'info', content: '这个进程没有启用从飞书管理文档，请在服务器上删除该文件。' } };
    deps.background(async () => {
      try {
        await knowledge.remove(source);
        await audit(action, 'expiry remove', source, true, `已移除《${title}》`);
        await deps.update(action.messageId, await cardNow(week, `已移除《${title}》并重建索引。`));
      } catch (error) {
        deps.logger.error('lark.expiry_remove_failed', { source, error });
        await audit(action, 'expiry remove', source, false, error instanceof Error ? error.message : String(error));
        await deps.update(action.messageId, await cardNow(week, `移除《${title}》失败：${friendlyMessage(error)}`));
      }
    });
    return {
      toast: { type: 'info', content: '正在移除并重建索引……' },
      card: { type: 'raw', data: await cardNow(week, `正在移除《${title}》并重建索引……`) },
    };
  };
  return { [EXPIRY_ACTIONS.remove]: handle, [EXPIRY_ACTIONS.keep]: handle };
}
