import type { CardJson } from './outbound/open-platform.js';
import type { IncomingMessage } from './incoming-message.js';

/** What every message handler gets: the message and one way to answer it. */
export interface MessageContext {
  readonly message: IncomingMessage;
  /** Replies to the message with a card (uuid derived from the message, so a repeat is refused by the platform). */
  reply(card: CardJson): Promise<void>;
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
