import { randomUUID } from 'node:crypto';
import type { AnswerService } from '../../answer/index.js';
import { withRequestFields, type Logger } from '../../log/index.js';
import type { Metrics } from '../../ops/index.js';
import type { Clock } from '../../clock/index.js';
import type { CardAction } from '../inbound/card-actions.js';
import type { IncomingMessage } from '../inbound/incoming-message.js';
import type { Recalls } from '../inbound/recalls.js';
import type { OpenPlatform } from '../outbound/open-platform.js';
import { replyUuid } from '../outbound/reply-uuid.js';
import type { LarkSettings } from '../settings.js';
import type { AnswerRecords } from '../store/answer-records.js';
import type { QuestionLog } from '../store/question-log.js';
import { createAnswerFlow, type AnswerFlow } from './answer-flow.js';
import { createSurfaceFactory } from './answer-surface.js';
import type { TaskSet } from './task-set.js';
import { createThinkingReaction } from './thinking-reaction.js';

/** How the bot answers: a typed question, or 问问政策通 on a reminder card. */
interface BotAnswering {
  /** The card mode in use ('cardkit' streams, 'patch' replaces), as the connect log reports it. */
  readonly cardMode: 'cardkit' | 'patch';
  readonly answer: AnswerFlow;
  /** A reminder card's 问问政策通: the question, answered as a reply to the card, like one typed in that chat. */
  askFromCard(action: CardAction, question: string): void;
}

/** The answer flow over the platform, with the card mode LARK_STREAMING chooses. */
export function createBotAnswering(deps: {
  settings: LarkSettings;
  service: AnswerService;
  /** Whether answers stream partial text (an LLM is configured): decides LARK_STREAMING=auto. */
  streamsAnswers: boolean;
  platform: OpenPlatform;
  records: AnswerRecords;
  questions: QuestionLog;
  recalls: Recalls;
  tasks: TaskSet;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  cardUpdateIntervalMs?: number | undefined;
  answerTimeoutMs?: number | undefined;
}): BotAnswering {
  const { settings, platform, clock, logger, tasks } = deps;
  // A CardKit entity costs an extra call per answer and only pays off when text streams in.
  const cardMode = settings.streaming === 'auto' ? (deps.streamsAnswers ? 'cardkit' : 'patch') : settings.streaming;
  const answer = createAnswerFlow({
    service: deps.service,
    surfaces: createSurfaceFactory({
      platform,
      mode: cardMode,
      clock,
      logger,
      cards: deps.records,
      intervalMs: deps.cardUpdateIntervalMs,
    }),
    records: deps.records,
    tasks,
    logger,
    metrics: deps.metrics,
    recalls: deps.recalls,
    thinking: settings.thinkingReaction ? createThinkingReaction(platform, logger) : undefined,
    questions: deps.questions,
    now: () => clock.now(),
    timeoutMs: deps.answerTimeoutMs,
  });
  return {
    cardMode,
    answer,
    askFromCard(action, question) {
      const message: IncomingMessage = {
        messageId: action.messageId,
        chatId: action.chatId,
        chatType: 'group',
        senderId: action.operatorId,
        kind: 'text',
        rawType: 'text',
        text: question,
        mentionedBot: true,
      };
      // one answer per person and card: a repeated click within the platform's hour gets the same reply
      const requestId = `ask-${randomUUID()}`;
      tasks.run(() =>
        withRequestFields({ requestId }, () => answer(message, question, replyUuid(`ask:${action.messageId}:${action.operatorId}`))),
      );
    },
  };
}
