import { systemClock, type Clock } from '../clock/index.js';

/** One answered question of a conversation. */
export interface Turn {
  question: string;
  /** The standalone query that was searched: follow-ups are resolved against it. */
  query: string;
  answer: string;
}

/** The recent turns of each chat or thread. */
export interface ConversationStore {
  /** Turns of a conversation, oldest first; empty once it has been idle too long. */
  recent(conversationId: string): Turn[];
  remember(conversationId: string, turn: Turn): void;
  forget(conversationId: string): void;
}

/** How much a store keeps, and for how long. */
interface ConversationStoreOptions {
  maxTurns: number;
  idleMs: number;
  clock?: Clock;
  /** Conversations kept at most; the least recently active goes first. */
  maxConversations?: number;
}

/** An in-memory, bounded store: few turns per conversation, expiring after idle time. */
export function createConversationStore({
  maxTurns,
  idleMs,
  clock = systemClock,
  maxConversations = 1000,
}: ConversationStoreOptions): ConversationStore {
  const conversations = new Map<string, { turns: Turn[]; lastActive: number }>();
  return {
    recent(conversationId) {
      const entry = conversations.get(conversationId);
      if (!entry) return [];
      if (clock.now() - entry.lastActive > idleMs) {
        conversations.delete(conversationId);
        return [];
      }
      return [...entry.turns];
    },
    remember(conversationId, turn) {
      const turns = [...this.recent(conversationId), turn].slice(-maxTurns);
      // Re-inserting keeps the map in order of activity, so the oldest entry is evicted first.
      conversations.delete(conversationId);
      conversations.set(conversationId, { turns, lastActive: clock.now() });
      for (const oldest of conversations.keys()) {
        if (conversations.size <= maxConversations) break;
        conversations.delete(oldest);
      }
    },
    forget(conversationId) {
      conversations.delete(conversationId);
    },
  };
}
