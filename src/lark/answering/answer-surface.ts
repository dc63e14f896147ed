import type { Logger } from '../../log/index.js';
import type { AnswerRecords, ReplyCard } from '../store/answer-records.js';
import { ANSWER_ELEMENT_ID, escapeMarkdown, partialCard, pendingCard } from '../cards/answer-cards.js';
import type { Clock } from '../../clock/index.js';
import { LarkError } from '../errors.js';
import type { CardJson } from '../../cards/index.js';
import type { OpenPlatform } from '../outbound/open-platform.js';
import { holdThroughRateLimits } from '../outbound/hold-final.js';
import { latestThrottle } from './throttle.js';

/** Where one answer goes: the question's message, replied to once (the uuid makes repeats no-ops). */
interface ReplyTarget {
  messageId: string;
  chatId: string;
  question: string;
  uuid: string;
  inThread: boolean;
}

/** The life of one answer card: 「正在查找…」 at once, streamed text while generating, then the final card. */
interface AnswerSurface {
  /** Sends the pending card as a reply; resolves with the reply's message id once the platform has it. */
  open(): Promise<string | undefined>;
  /** Shows the full text generated so far (throttled; failures only logged). */
  partial(text: string): void;
  /** Replaces the card with its final form. */
  finish(card: CardJson): Promise<void>;
}

/** Makes an AnswerSurface per question. */
export type SurfaceFactory = (target: ReplyTarget) => AnswerSurface;

/** 300309 streaming closed, 200850 closed by the platform after 10 minutes: the text can no longer stream. */
const STREAMING_OVER_CODES: ReadonlySet<number> = new Set([300309, 200850]);

function isStreamingOver(error: unknown): error is LarkError {
  return error instanceof LarkError && error.details.platformCode !== undefined && STREAMING_OVER_CODES.has(error.details.platformCode);
}

/** The chat-list summary a card declares (config.summary.content). */
function summaryOf(card: CardJson): string {
  const config: unknown = card.config;
  const summary: unknown = typeof config === 'object' && config !== null ? Reflect.get(config, 'summary') : undefined;
  const content: unknown = typeof summary === 'object' && summary !== null ? Reflect.get(summary, 'content') : undefined;
  return typeof content === 'string' ? content : '';
}

/** Card updates at most every 250 ms: under CardKit's 10 operations a second per card and PATCH's 5 QPS per message. */
const CARD_UPDATE_INTERVAL_MS = 250;

/**
 * `cardkit`: a CardKit card entity with `streaming_mode`, text streamed into its markdown element with the
 * full text each time, then replaced wholesale. `patch`: a plain card replaced with PATCH im/v1/messages.
 * When CardKit is refused (scope not granted), the factory falls back to `patch` for good.
 */
export function createSurfaceFactory(options: {
  platform: OpenPlatform;
  mode: 'cardkit' | 'patch';
  clock: Clock;
  logger: Logger;
  intervalMs?: number | undefined;
  /** Which card entity each reply shows (shared by the instances), for answers taken over. */
  cards?: Pick<AnswerRecords, 'findCard' | 'saveCard'>;
}): SurfaceFactory {
  const { platform, clock, logger } = options;
  const intervalMs = options.intervalMs ?? CARD_UPDATE_INTERVAL_MS;
  let cardkitUsable = options.mode === 'cardkit';
  const onError = (error: unknown): void => logger.warn('lark.stream_update_failed', { error });
  // the final card is what the person waits for: a rate limit longer than the retries holds it, not drops it
  const hold = <T>(deliver: () => Promise<T>, what: string): Promise<T> => holdThroughRateLimits(deliver, { clock, logger, what });

  const patchSurface = (target: ReplyTarget): AnswerSurface => {
    let replyId: string | undefined;
    const updates = latestThrottle(
      async (text: string) => {
        // optional: with the app's PATCH budget spent (1,000 a minute), a partial is skipped, not queued
        if (replyId) await platform.patchCard(replyId, partialCard(target.question, text), { optional: true });
      },
      { intervalMs, clock, onError },
    );
    return {
      async open() {
        replyId = await platform.replyCard({ ...target, content: { card: pendingCard(target.question, false) } });
        return replyId;
      },
      partial: (text) => updates.push(text),
      async finish(card) {
        await updates.settle();
        const id = replyId;
        if (id) await hold(() => platform.patchCard(id, card), 'patch');
      },
    };
  };

  const cardkitSurface = (target: ReplyTarget): AnswerSurface => {
    let card: ReplyCard | undefined;
    let fallback: AnswerSurface | undefined;
    let sequence = 0;
    // milliseconds since the card was made: every process that updates it counts up from there, so an
    // instance finishing a dead one's answer always comes after the dead one's last update
    const nextSequence = (): number => (sequence = Math.max(sequence + 1, clock.now() - (card?.createdAt ?? clock.now())));
    // false once the platform says streaming is over (closed after 10 minutes): no more text updates
    let streaming = true;
    const updates = latestThrottle(
      async (text: string) => {
        if (!card || !streaming) return;
        try {
          // plain prefixes, no cursor: CardKit types out what extends the last text and redraws the rest
          await platform.streamCardText(card.cardId, ANSWER_ELEMENT_ID, escapeMarkdown(text), nextSequence());
        } catch (error) {
          if (!isStreamingOver(error)) throw error;
          streaming = false;
          logger.info('lark.streaming_over', { cardId: card.cardId, platformCode: error.details.platformCode });
        }
      },
      { intervalMs, clock, onError },
    );
    return {
      async open() {
        // a question taken over from a dead instance: its reply already shows this card
        card = await options.cards?.findCard(target.messageId);
        if (!card) {
          try {
            card = { cardId: await platform.createCardEntity(pendingCard(target.question, true)), createdAt: clock.now() };
          } catch (error) {
            if (!(error instanceof LarkError) || error.code !== 'rejected') throw error;
            cardkitUsable = false;
            logger.warn('lark.cardkit_unavailable', { error, hint: 'grant cardkit:card:write or set LARK_STREAMING=patch' });
            fallback = patchSurface(target);
            return fallback.open();
          }
          await options.cards?.saveCard(target.messageId, card);
        }
        // the reply's uuid makes this a no-op when the dead instance had sent it already
        return platform.replyCard({ ...target, content: { cardId: card.cardId } });
      },
      partial(text) {
        if (fallback) fallback.partial(text);
        else updates.push(text);
      },
      async finish(final) {
        if (fallback) return fallback.finish(final);
        await updates.settle();
        if (!card) return;
        // the final card while still streaming (exempt from the rate limits), then streaming off the
        // documented way, so the preview shows the summary and 👍/👎 replies can replace the card
        const { cardId } = card;
        await hold(() => platform.updateCardEntity(cardId, final, nextSequence()), 'cardkit-final');
        try {
          await hold(() => platform.closeStreaming(cardId, summaryOf(final), nextSequence()), 'cardkit-close');
        } catch (error) {
          if (!isStreamingOver(error)) throw error;
        }
      },
    };
  };

  return (target) => (cardkitUsable ? cardkitSurface(target) : patchSurface(target));
}
