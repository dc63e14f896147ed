import { z } from 'zod';
import type { Logger } from '../../log/index.js';
import type { Metrics } from '../../ops/index.js';
import { ASK_ACTION } from '../../reminders/index.js';
import { answerCard, type Vote } from '../cards/answer-cards.js';
import type { Clock } from '../../clock/index.js';
import type { CardJson } from '../../cards/index.js';
import type { AnswerRecords } from '../store/answer-records.js';
import type { FeedbackLog } from '../store/feedback-log.js';
import type { QuestionLog } from '../store/question-log.js';

/** A card button click, reduced to what handlers use. */
export interface CardAction {
  /** The card message that was clicked. */
  messageId: string;
  chatId: string;
  operatorId: string;
  value: unknown;
  /** What a form container's submit button sends: each field's value by its `name`. */
  formValue?: Record<string, unknown>;
}

/** The callback's response body: a toast and/or the card to show instead (Feishu applies it at once). */
export interface CardActionReply {
  toast?: { type: 'success' | 'info' | 'warning' | 'error'; content: string };
  card?: { type: 'raw'; data: CardJson };
}

/** Card actions are a map keyed by `value.action`, like the SDK's event handlers. */
export type CardActionHandlers = Record<string, (action: CardAction) => Promise<CardActionReply>>;

const actionNameSchema = z.object({ action: z.string() });

/** Dispatches a click on `value.action`; unknown actions get an info toast. */
export function dispatchCardAction(handlers: CardActionHandlers): (action: CardAction) => Promise<CardActionReply> {
  return async (action) => {
    const named = actionNameSchema.safeParse(action.value);
    const handler = named.success ? handlers[named.data.action] : undefined;
    if (!handler) return { toast: { type: 'info', content: '这个按钮已失效。' } };
    return handler(action);
  };
}

const feedbackSchema = z.object({ action: z.literal('feedback'), vote: z.enum(['up', 'down']), ref: z.string().min(1) });

/**
 * 👍/👎: appends question, answer, citations, user and time to the feedback log, then answers with the
 * same card showing the recorded vote.
 */
export function feedbackHandler(deps: {
  records: AnswerRecords;
  log: FeedbackLog;
  clock: Clock;
  logger: Logger;
  metrics?: Pick<Metrics, 'feedback'>;
  questions?: QuestionLog;
}) {
  return async (action: CardAction): Promise<CardActionReply> => {
    const parsed = feedbackSchema.safeParse(action.value);
    if (!parsed.success) return { toast: { type: 'warning', content: '无法识别这次反馈。' } };
    const { vote, ref } = parsed.data;
    const record = await deps.records.find(ref);
    await deps.log.record({
      time: new Date(deps.clock.now()).toISOString(),
      vote,
      user: action.operatorId,
      chatId: action.chatId,
      questionMessageId: ref,
      question: record?.question ?? '',
      answer: record?.answer ?? '',
      answerable: record?.answerable ?? false,
      citations: record?.citations ?? [],
    });
    deps.metrics?.feedback(vote);
    await deps.questions?.vote(ref, vote).catch((error: unknown) => deps.logger.error('lark.question_vote_failed', { ref, error }));
    deps.logger.info('lark.feedback', { vote, ref, user: action.operatorId, known: record !== undefined });
    const toast = { type: 'success' as const, content: vote === 'up' ? '感谢反馈！' : '感谢反馈，我们会改进。' };
    return record ? { toast, card: { type: 'raw', data: answerCard(record, ref, vote satisfies Vote) } } : { toast };
  };
}

const reminderAskSchema = z.object({
  action: z.literal(ASK_ACTION),
  question: z.string().trim().min(1).max(500),
  entry: z.string().optional(),
});

/**
 * 问问政策通 on a reminder card: `value.question` is answered in that chat through the normal answer flow
 * (a reply to the reminder card); the click itself is answered at once with a toast.
 */
export function reminderAskHandler(deps: { ask: (action: CardAction, question: string) => void; logger: Logger }) {
  return async (action: CardAction): Promise<CardActionReply> => {
    const parsed = reminderAskSchema.safeParse(action.value);
    if (!parsed.success || action.chatId === '') return { toast: { type: 'warning', content: '无法识别这个问题。' } };
    deps.logger.info('lark.reminder_ask', { chatId: action.chatId, entry: parsed.data.entry, user: action.operatorId });
    deps.ask(action, parsed.data.question);
    return { toast: { type: 'info', content: '正在查找，答案稍后发到本群。' } };
  };
}
