import type { CardJson } from '../../cards/index.js';
import type { IncomingMessage } from './incoming-message.js';

/** What every message handler gets: the message and one way to answer it. */
export interface MessageContext {
  readonly message: IncomingMessage;
  /**
   * Replies to the message with a card (uuid derived from the message, so a repeat is refused by the
   * platform: one reply per message, later states go through `update`); resolves with its message id.
   */
  reply(card: CardJson): Promise<string>;
  /** Replaces a card the bot sent (PATCH). */
  update(messageId: string, card: CardJson): Promise<void>;
  /** Runs long work (a re-index) after the handler returns, so the chat's queue moves on; awaited at shutdown. */
  defer(work: () => Promise<void>): void;
  /** Acknowledges with 「正在查找…」 and answers asynchronously; resolves once the pending card is sent. */
  answer(question: string): Promise<void>;
}

/** A grammY-style handler: act, or pass the message on with `next()`. */
export type Middleware = (context: MessageContext, next: () => Promise<void>) => Promise<void>;

/** Joins handlers into one; each decides whether the rest run. */
export function compose(middlewares: Middleware[]): (context: MessageContext) => Promise<void> {
  return (context) => {
    const dispatch = async (index: number): Promise<void> => {
      const middleware = middlewares[index];
      if (middleware) await middleware(context, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}
