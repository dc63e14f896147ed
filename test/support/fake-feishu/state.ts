// What the fake platform remembers, shared by the API-area modules.
import type { RateLimiter } from './rate-limits.js';
import type { Json } from './router.js';

/** A message the bot sent, as the platform stores it. */
export interface FakeMessage {
  messageId: string;
  chatId: string;
  /** The message replied to. */
  parentId?: string;
  msgType: string;
  /** Card JSON, or `{ type: 'card', data: { card_id } }` for a card entity. */
  content: Json;
  uuid?: string;
  replyInThread: boolean;
  createdAt: number;
  updates: number;
  /** Every version of a JSON card message, first to last. */
  history: Json[];
  /** Withdrawn (DELETE im/v1/messages/:id). */
  recalled?: boolean;
}

/** A CardKit card entity. */
export interface CardEntity {
  card: Json;
  sequence: number;
  sentAs?: string;
  /** Every version of the entity's card, first to last. */
  history: Json[];
  /** streaming_mode as the platform holds it: set at creation and by the settings API only. */
  streaming: boolean;
  /** When streaming was last switched on (it closes itself 10 minutes later). */
  streamingSince: number;
  /** Closed by the platform's timeout rather than by the app. */
  streamingTimedOut: boolean;
  /** The last text streamed into each element. */
  streamed: Map<string, string>;
  /** Text updates that did not extend the previous text (each one redraws instead of typing). */
  prefixBreaks: number;
  /** Times of calls on this card in the last second (10 a second per card). */
  recentCalls: number[];
  uuids: Set<string>;
}

/** A reaction the bot put on a message. */
export interface FakeReaction {
  reactionId: string;
  messageId: string;
  emojiType: string;
  removed: boolean;
}

/** How the fake answers a repeated CardKit `uuid`: the platform's docs leave it open. */
export type UuidRepeat = 'accept' | 'conflict';

/** Everything the area modules read and change. */
export interface FakeState {
  readonly messages: Map<string, FakeMessage>;
  readonly cards: Map<string, CardEntity>;
  readonly reactions: Map<string, FakeReaction>;
  readonly uuids: Map<string, { messageId: string; at: number }>;
  readonly incomingChats: Map<string, string>;
  /** Incoming messages recalled by their senders. */
  readonly recalledIncoming: Set<string>;
  /** Incoming messages that are aggregated (merged) messages: no reply in thread (230072). */
  readonly aggregated: Set<string>;
  readonly messageFiles: Map<string, Buffer>;
  readonly threadless: Set<string>;
  readonly absent: Set<string>;
  readonly dissolved: Set<string>;
  readonly limiter: RateLimiter;
  readonly streamingLimitMs: number;
  readonly cardCallsPerSecond: number;
  readonly cardUuidRepeat: UuidRepeat;
  sendGate?: (chatId: string) => unknown;
  now(): number;
  nextId(prefix: string): string;
  chatOf(messageId: string): string;
}

/** The chat an incoming message (from an event) or a bot message belongs to. */
export function chatOfMessage(state: Pick<FakeState, 'messages' | 'incomingChats'>, messageId: string): string {
  return state.messages.get(messageId)?.chatId ?? state.incomingChats.get(messageId) ?? 'oc_unknown';
}
