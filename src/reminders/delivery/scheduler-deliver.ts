import type { Logger } from '../../log/index.js';
import { renderCard } from '../cards/render.js';
import type { Clock } from '../../clock/index.js';
import type { DueSend } from '../schedule/due.js';
import type { SendRecord } from './ledger.js';
import { sendSafely, type Sender } from './sender.js';

/**
 * Sends one due message: `attempt` is recorded (durably) before the platform is called, then `sent`
 * or `failed` with the platform's answer. Resolves true when the platform accepted it.
 */
export function createDeliver(deps: {
  sender: Sender;
  record: (entry: SendRecord) => Promise<void>;
  timeZone: string;
  clock: Clock;
  logger: Logger;
}): (send: DueSend, now: number) => Promise<boolean> {
  const { record, logger } = deps;
  return async (send, now) => {
    const base = { key: send.key, uuid: send.uuid, scheduledAt: send.scheduledAt };
    const card = renderCard(send.message, { now, timeZone: deps.timeZone, lateFrom: send.late ? send.scheduledAt : undefined });
    await record({ type: 'attempt', ...base, at: now });
    const result = await sendSafely(deps.sender, send.key.chat, card, send.uuid);
    const at = deps.clock.now();
    if (result.ok) {
      await record({ type: 'sent', ...base, at, messageId: result.messageId });
      logger.info('reminders.sent', { ...send.key, messageId: result.messageId, late: send.late, attempt: send.attempt });
      return true;
    }
    const { error } = result;
    await record({ type: 'failed', ...base, at, code: error.code, retryable: error.isRetryable, message: error.message.slice(0, 300) });
    logger.warn('reminders.send_failed', {
      ...send.key,
      code: error.code,
      retryable: error.isRetryable,
      attempt: send.attempt,
      message: error.message,
    });
    return false;
  };
}
