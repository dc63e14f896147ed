import type { AnswerService, AskResult } from '../../answer/index.js';
import type { Logger } from '../../log/index.js';
import { noopMetrics, type Metrics } from '../../ops/index.js';
import type { SurfaceFactory } from './answer-surface.js';
import type { CardJson } from '../../cards/index.js';
import { answerCard, failureCard } from '../cards/answer-cards.js';
import { friendlyMessage } from './friendly-messages.js';
import { repliesInThread, type IncomingMessage } from '../inbound/incoming-message.js';
import type { AnswerRecords } from '../store/answer-records.js';
import type { Recalls } from '../inbound/recalls.js';
import type { QuestionLog } from '../store/question-log.js';
import type { TaskSet } from './task-set.js';
import type { ThinkingReaction } from './thinking-reaction.js';

/** Answers take at most this long before the card says so. */
const ANSWER_TIMEOUT_MS = 60_000;

/** Starts answering a question: resolves once 「正在查找…」 is sent; the answer follows in the background. */
export type AnswerFlow = (message: IncomingMessage, question: string, uuid: string, onFinished?: () => void) => Promise<void>;

/** Follow-ups are resolved within a thread, a DM, or one user's turns in a group. */
function conversationOf(message: IncomingMessage): string {
  if (message.threadId) return message.threadId;
  return message.chatType === 'p2p' ? message.chatId : `${message.chatId}:${message.senderId}`;
}

/** What the answer flow works with. */
interface AnswerFlowDeps {
  service: AnswerService;
  surfaces: SurfaceFactory;
  records: AnswerRecords;
  tasks: TaskSet;
  logger: Logger;
  timeoutMs?: number | undefined;
  /** Counts questions, refusals, latency and failures (default: nothing). */
  metrics?: Metrics;
  /** Questions recalled by their senders: not answered, and their reply withdrawn. */
  recalls?: Recalls;
  /** A 「思考中」 reaction on the question while it is answered. */
  thinking?: ThinkingReaction | undefined;
  /** Keeps each answered question for the admin console. */
  questions?: QuestionLog;
  now: () => number;
}

/** How one answer went, filled in as it is produced. */
interface Outcome {
  mode: string;
  answerable: boolean;
  result?: AskResult;
}

/** Runs the answer service; any failure becomes a friendly failure card, never an exception. */
async function produceCard(
  deps: AnswerFlowDeps,
  message: IncomingMessage,
  question: string,
  onPartial: (text: string) => void,
  outcome: Outcome,
): Promise<CardJson> {
  const { service, records, logger } = deps;
  try {
    const stream = service.stream({
      question,
      id: message.messageId,
      conversationId: conversationOf(message),
      signal: AbortSignal.timeout(deps.timeoutMs ?? ANSWER_TIMEOUT_MS),
    });
    for await (const event of stream) {
      if (event.type === 'partial') {
        onPartial(event.text);
        continue;
      }
      const { result } = event;
      const { answer, answerable, citations, notes, comparison } = result;
      // Kept for 👍/👎 (readable at once; the disk write finishes in the background).
      records
        .save(message.messageId, {
          question: result.question,
          answer,
          answerable,
          citations,
          notes,
          ...(comparison ? { comparison } : {}),
          chatId: message.chatId,
        })
        .catch((error: unknown) => logger.error('lark.record_failed', { messageId: message.messageId, error }));
      logger.debug('lark.result', { messageId: message.messageId, answerable: result.answerable, mode: result.mode });
      outcome.mode = result.mode;
      outcome.answerable = result.answerable;
      outcome.result = result;
      return answerCard(result, message.messageId);
    }
    throw new Error('the answer stream ended without a result');
  } catch (error) {
    logger.error('lark.answer_failed', { messageId: message.messageId, error });
    (deps.metrics ?? noopMetrics).error('answer');
    return failureCard(question, friendlyMessage(error));
  }
}

/** For the console: the question, where, how it went and which documents it cited; a failed write is logged. */
function recordQuestion(deps: AnswerFlowDeps, message: IncomingMessage, question: string, outcome: Outcome, ms: number): void {
  if (!deps.questions) return;
  const { result } = outcome;
  const sources = new Map(
    (result?.citations ?? []).map((citation) => [citation.source, { source: citation.source, title: citation.title }]),
  );
  deps.questions
    .record({
      id: message.messageId,
      time: new Date(deps.now()).toISOString(),
      chatId: message.chatId,
      question,
      answer: result?.answer ?? '',
      answerable: outcome.answerable,
      mode: outcome.mode,
      latencyMs: Math.round(ms),
      sources: [...sources.values()].slice(0, 5),
    })
    .catch((error: unknown) => deps.logger.error('lark.question_record_failed', { messageId: message.messageId, error }));
}

/**
 * pending card → partial text while the service streams → final answer or refusal card (or a friendly
 * failure card). Every failure is logged; none escapes into the event handler.
 */
export function createAnswerFlow(deps: AnswerFlowDeps): AnswerFlow {
  const { surfaces, tasks, logger } = deps;
  const metrics = deps.metrics ?? noopMetrics;

  return async (message, question, uuid, onFinished) => {
    if (deps.recalls?.isRecalled(message.messageId)) {
      logger.info('lark.recalled_unanswered', { messageId: message.messageId });
      onFinished?.();
      return;
    }
    const surface = surfaces({
      messageId: message.messageId,
      chatId: message.chatId,
      question,
      uuid,
      inThread: repliesInThread(message),
    });
    try {
      const replyId = await surface.open();
      if (replyId) deps.recalls?.replied(message.messageId, replyId);
    } catch (error) {
      onFinished?.();
      throw error;
    }
    // not awaited: the reaction must not hold up the answer
    const thinking = deps.thinking?.add(message.messageId);
    tasks.run(async () => {
      const started = performance.now();
      const outcome: Outcome = { mode: 'failed', answerable: false };
      const card = await produceCard(deps, message, question, (text) => surface.partial(text), outcome);
      try {
        // recalled while it was being answered: its reply is withdrawn, nothing more is sent
        if (deps.recalls?.isRecalled(message.messageId)) {
          logger.info('lark.recalled_while_answering', { messageId: message.messageId });
          return;
        }
        await surface.finish(card);
        const ms = performance.now() - started;
        metrics.questionAnswered({ channel: 'lark', mode: outcome.mode, answerable: outcome.answerable, seconds: ms / 1000 });
        logger.info('lark.answered', {
          messageId: message.messageId,
          ms: Math.round(ms),
          mode: outcome.mode,
          answerable: outcome.answerable,
        });
        recordQuestion(deps, message, question, outcome, ms);
      } catch (error) {
        metrics.error('send');
        logger.error('lark.send_failed', { messageId: message.messageId, error });
      } finally {
        const removeThinking = await thinking;
        await removeThinking?.();
        onFinished?.();
      }
    });
  };
}
