import { requestFields, type Logger } from '../../log/index.js';
import type { Clock } from '../../clock/index.js';
import type { MessageContext } from '../inbound/middleware.js';
import type { AuditLog } from '../store/audit-log.js';

/** Records one admin action of the message's sender; never throws (a failed write is logged). */
export type RecordAdminAction = (
  context: MessageContext,
  action: string,
  args: string,
  outcome: { ok: boolean; detail?: string },
) => Promise<void>;

/** Does not record: the default when no audit log is given. */
export const noAudit: RecordAdminAction = async () => undefined;

/** Appends admin actions to the audit log with the time, the sender, the chat and the request id. */
export function adminAuditor(deps: { audit: AuditLog; clock: Clock; logger: Logger; onError?: () => void }): RecordAdminAction {
  return async (context, action, args, outcome) => {
    const { senderId, chatId } = context.message;
    const requestId = requestFields()?.requestId;
    try {
      await deps.audit.record({
        time: new Date(deps.clock.now()).toISOString(),
        actor: senderId,
        chatId,
        action,
        args,
        result: outcome.ok ? 'ok' : 'failed',
        ...(outcome.detail !== undefined ? { detail: outcome.detail.slice(0, 500) } : {}),
        requestId,
      });
    } catch (error) {
      deps.onError?.();
      deps.logger.error('lark.audit_failed', { action, senderId, error });
    }
  };
}
