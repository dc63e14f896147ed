import type { LarkChannel } from '@larksuiteoapi/node-sdk';
import { withRequestFields, type Logger } from '../../log/index.js';
import type { Metrics } from '../../ops/index.js';
import type { AnswerFlow } from '../answering/answer-flow.js';
import type { TaskSet } from '../answering/task-set.js';
import type { Clock } from '../../clock/index.js';
import type { IsAdmin } from '../commands/admin-policy.js';
import { routeCommands, type Command } from '../commands/route-commands.js';
import type { OpenPlatform } from '../outbound/open-platform.js';
import { replyUuid } from '../outbound/reply-uuid.js';
import type { LarkSettings } from '../settings.js';
import { repliesInThread, toIncoming, type IncomingMessage } from './incoming-message.js';
import { capLength, helpForEmptyText, helpForMedia, rateLimitPerUser, requireMentionInGroups } from './message-gates.js';
import { compose, type MessageContext, type Middleware } from './middleware.js';

/** Handles one message; resolves once the handlers are done, with a promise that settles when its answer is sent. */
type MessageHandler = (message: IncomingMessage) => Promise<{ finished: Promise<void> }>;

/**
 * The middleware chain every message runs through: gates (mention, rate, uploads, media, empty, length),
 * then commands, then the question is answered. A failed reply is logged and dropped, never thrown.
 */
export function createMessageHandler(deps: {
  settings: LarkSettings;
  platform: OpenPlatform;
  answer: AnswerFlow;
  commands: Command[];
  uploads?: Middleware | undefined;
  isAdmin: IsAdmin;
  tasks: TaskSet;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}): MessageHandler {
  const { settings, platform, tasks, logger } = deps;
  const handle = compose([
    requireMentionInGroups,
    rateLimitPerUser({ perMinute: settings.ratePerMinute, clock: deps.clock, exempt: deps.isAdmin }),
    ...(deps.uploads ? [deps.uploads] : []),
    helpForMedia,
    helpForEmptyText,
    capLength(settings.maxMessageChars),
    routeCommands(deps.commands),
    (context) => context.answer(context.message.text),
  ]);
  return async (message) => {
    const uuid = replyUuid(message.messageId);
    let answered: Promise<void> | undefined;
    const context: MessageContext = {
      message,
      reply: (card) =>
        platform.replyCard({
          messageId: message.messageId,
          chatId: message.chatId,
          content: { card },
          uuid,
          inThread: repliesInThread(message),
        }),
      update: (messageId, card) => platform.patchCard(messageId, card),
      defer: (work) => tasks.run(() => withRequestFields({ requestId: message.messageId }, work)),
      answer: (question) => {
        let finished: () => void = () => undefined;
        answered = new Promise((resolve) => (finished = resolve));
        return deps.answer(message, question, uuid, finished);
      },
    };
    try {
      await handle(context);
    } catch (error) {
      // A failed send is logged and dropped: the event is already acknowledged, the process goes on.
      deps.metrics.error('reply');
      logger.error('lark.reply_failed', { messageId: message.messageId, error });
    }
    return { finished: answered ?? Promise.resolve() };
  };
}

/** Registers the message, reject and error handlers on the Channel; `finished` hands each message back to the claims. */
export function listenToChannel(
  channel: LarkChannel,
  deps: { handle: MessageHandler; finished: (messageId: string, finished: Promise<void>) => void; logger: Logger; metrics: Metrics },
): void {
  const { logger, metrics } = deps;
  channel.on({
    message: async (normalized) => {
      const message = toIncoming(normalized);
      // every log line of this message's handling (its answer too) carries the message id as requestId
      await withRequestFields({ requestId: message.messageId }, async () => {
        const { finished } = await deps.handle(message);
        deps.finished(message.messageId, finished);
      });
    },
    reject: (event) => {
      logger.debug('lark.ignored', { messageId: event.messageId, reason: event.reason });
      // nothing to answer: the claim is done (else another instance would take the event over again)
      if (event.messageId) deps.finished(event.messageId, Promise.resolve());
    },
    error: (error) => {
      metrics.error('channel');
      logger.error('lark.channel_error', { error });
    },
  });
}
