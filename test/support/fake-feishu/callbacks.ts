// Card-action callbacks as the platform treats the app's reply: it waits 3 s; a later reply is
// dropped (the person sees an error toast), and a reply's `card` cannot replace a card entity that is
// still streaming ("卡片流式更新模式开启期间…无法立即更新卡片").
import { cardProblem } from './card-schema.js';
import { isJson, type Json } from './router.js';
import type { FakeState } from './state.js';

/** How long the platform waits for the app's reply to a card action. */
export const CALLBACK_DEADLINE_MS = 3000;

/** What became of a callback reply. */
export type CallbackOutcome = 'applied' | 'no-card' | 'late' | 'streaming' | 'unknown-message' | 'invalid-card';

/** Applies a reply's `card` (type raw) to the clicked message the way the platform does. */
export function applyCallbackReply(state: FakeState, messageId: string, reply: unknown, elapsedMs: number): CallbackOutcome {
  if (elapsedMs > CALLBACK_DEADLINE_MS) return 'late';
  if (!isJson(reply) || !isJson(reply.card) || reply.card.type !== 'raw' || !isJson(reply.card.data)) return 'no-card';
  const card: Json = reply.card.data;
  // the platform checks a callback's card like any other: an invalid one is not shown (an error toast instead)
  if (cardProblem(card, Buffer.byteLength(JSON.stringify(card)))) return 'invalid-card';
  const message = state.messages.get(messageId);
  if (!message) return 'unknown-message';
  const data = message.content.data;
  if (message.content.type === 'card' && isJson(data) && typeof data.card_id === 'string') {
    const entity = state.cards.get(data.card_id);
    if (entity) {
      if (entity.streaming && state.now() - entity.streamingSince < state.streamingLimitMs) return 'streaming';
      entity.card = card;
      entity.history.push(card);
    }
  } else {
    message.content = card;
    message.history.push(card);
  }
  message.updates += 1;
  return 'applied';
}
