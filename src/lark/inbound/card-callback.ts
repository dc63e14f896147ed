import { z } from 'zod';
import type { Logger } from '../../log/index.js';
import type { CardAction, CardActionReply } from './card-actions.js';

/** The `card.action.trigger` callback as the dispatcher hands it over (v2 header and event merged). */
const callbackSchema = z.object({
  event_id: z.string().optional(),
  operator: z.object({ open_id: z.string() }),
  action: z.object({ value: z.unknown(), form_value: z.record(z.string(), z.unknown()).optional() }),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
  open_message_id: z.string().optional(),
  open_chat_id: z.string().optional(),
});

const REMEMBERED_CALLBACKS = 1000;

/**
 * Our `card.action.trigger` handler, registered on the dispatcher in place of the Channel's: the Channel
 * drops the return value (so no toast or card could be sent back) and drops a repeat click of the same
 * button for its whole dedup TTL. Here the reply goes back in the callback response (webhook body or
 * long-connection ACK), and only true re-deliveries (same event_id) are recognised, answered with the
 * first reply without acting again.
 */
export function cardCallbackHandler(
  onAction: (action: CardAction) => Promise<CardActionReply>,
  logger: Logger,
  onError: () => void = () => undefined,
): (data: unknown) => Promise<CardActionReply> {
  const replies = new Map<string, Promise<CardActionReply>>();
  return async (data) => {
    const parsed = callbackSchema.safeParse(data);
    if (!parsed.success) {
      logger.warn('lark.card_callback_malformed', { issues: parsed.error.issues.length });
      onError();
      return {};
    }
    const event = parsed.data;
    const messageId = event.context?.open_message_id ?? event.open_message_id;
    const chatId = event.context?.open_chat_id ?? event.open_chat_id ?? '';
    if (!messageId) return {};
    const known = event.event_id ? replies.get(event.event_id) : undefined;
    if (known) return known;
    const formValue = event.action.form_value;
    const reply = onAction({
      messageId,
      chatId,
      operatorId: event.operator.open_id,
      value: event.action.value,
      ...(formValue ? { formValue } : {}),
    }).catch((error: unknown) => {
      logger.error('lark.card_action_failed', { messageId, error });
      onError();
      return { toast: { type: 'error' as const, content: '操作没有成功，请稍后再试。' } };
    });
    if (event.event_id) {
      replies.set(event.event_id, reply);
      for (const oldest of replies.keys()) {
        if (replies.size <= REMEMBERED_CALLBACKS) break;
        replies.delete(oldest);
      }
    }
    return reply;
  };
}
