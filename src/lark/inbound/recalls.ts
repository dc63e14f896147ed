/**
 * Which questions their senders recalled (im.message.recalled_v1) and which reply each question got:
 * a question recalled before it is answered is not answered, and a reply already sent is withdrawn.
 * In memory and bounded: a recall comes within minutes of the question, and a restart loses little.
 */
export interface Recalls {
  /** The question `messageId` was recalled; returns the bot's reply to withdraw, if one was sent. */
  recalled(messageId: string): string | undefined;
  isRecalled(messageId: string): boolean;
  /** The bot replied to `messageId` with `replyId`. */
  replied(messageId: string, replyId: string): void;
}

/** The newest `limit` questions of each kind are remembered. */
export function createRecalls(limit = 10_000): Recalls {
  const recalled = new Set<string>();
  const replies = new Map<string, string>();
  const bound = (collection: Set<string> | Map<string, string>): void => {
    for (const oldest of collection.keys()) {
      if (collection.size <= limit) break;
      collection.delete(oldest);
    }
  };
  return {
    recalled(messageId) {
      recalled.add(messageId);
      bound(recalled);
      return replies.get(messageId);
    },
    isRecalled: (messageId) => recalled.has(messageId),
    replied(messageId, replyId) {
      replies.set(messageId, replyId);
      bound(replies);
    },
  };
}
