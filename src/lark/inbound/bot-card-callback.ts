import type { Logger } from '../../log/index.js';
import type { Metrics } from '../../ops/index.js';
import { ASK_ACTION } from '../../reminders/index.js';
import type { LarkStores } from '../bot-types.js';
import type { Clock } from '../../clock/index.js';
import { dispatchCardAction, feedbackHandler, reminderAskHandler, type CardAction, type CardActionHandlers } from './card-actions.js';
import { cardCallbackHandler } from './card-callback.js';

/** The bot's `card.action.trigger` handler: 👍/👎 on answers, and 问问政策通 on reminder cards. */
export function botCardCallback(deps: {
  stores: LarkStores;
  askFromCard: (action: CardAction, question: string) => void;
  /** The commands' own buttons (forms, details, admin actions). */
  commandActions: CardActionHandlers;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}): (data: unknown) => Promise<unknown> {
  const { stores, clock, logger, metrics } = deps;
  return cardCallbackHandler(
    dispatchCardAction({
      feedback: feedbackHandler({
        records: stores.answerRecords,
        log: stores.feedback,
        clock,
        logger,
        metrics,
        questions: stores.questions,
      }),
      [ASK_ACTION]: reminderAskHandler({ ask: deps.askFromCard, logger }),
      ...deps.commandActions,
    }),
    logger,
    () => metrics.error('card_action'),
  );
}
