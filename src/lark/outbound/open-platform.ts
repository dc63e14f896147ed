import { z } from 'zod';
import type { CardJson } from '../../cards/index.js';
import type { Clock } from '../../clock/index.js';
import { codeFor, LarkError } from '../errors.js';
import type { Logger } from '../../log/index.js';
import { withRetry, type RetryPolicy } from '../../retry/index.js';
import type { OutboundLimiter } from './outbound-limiter.js';
import type { PlatformCall, PlatformRequest } from './sdk-request.js';

/** What a card message shows: card JSON, or a CardKit card entity by id (needed for streaming). */
type CardContent = { card: CardJson } | { cardId: string };

/** The bot's outbound calls; every one paced, retried on rate limits and 5xx, and checked for its body `code`. */
export interface OpenPlatform {
  /** Replies with a card (in the thread when `inThread`, falling back on 230071); `uuid` makes the platform refuse duplicates. */
  replyCard(input: { messageId: string; chatId: string; content: CardContent; uuid: string; inThread: boolean }): Promise<string>;
  /** Posts a card as a new message to a chat (POST im/v1/messages?receive_id_type=chat_id); returns the message_id. */
  sendCard(input: { chatId: string; card: CardJson; uuid: string }): Promise<string>;
  /** Posts a card to one person by open_id (POST im/v1/messages?receive_id_type=open_id): menu answers. */
  sendCardToUser(input: { openId: string; card: CardJson; uuid: string }): Promise<string>;
  /** Withdraws a message the bot sent (DELETE im/v1/messages/:id). */
  recallMessage(messageId: string): Promise<void>;
  /** Puts a reaction (emoji_type) on a message; returns its reaction_id. */
  addReaction(messageId: string, emojiType: string): Promise<string>;
  /** Takes a reaction off again. */
  removeReaction(messageId: string, reactionId: string): Promise<void>;
  /**
   * Replaces a sent card message (PATCH im/v1/messages/:id). An `optional` update (a partial answer)
   * is skipped, not queued, when the API's rate windows have no slot within a quarter second.
   */
  patchCard(messageId: string, card: CardJson, options?: { optional?: boolean }): Promise<void>;
  /** Creates a CardKit card entity and returns its card_id. */
  createCardEntity(card: CardJson): Promise<string>;
  /** Replaces a card entity wholesale; `sequence` must grow per card. */
  updateCardEntity(cardId: string, card: CardJson, sequence: number): Promise<void>;
  /** Streams the full text so far into one markdown element of a card entity. */
  streamCardText(cardId: string, elementId: string, text: string, sequence: number): Promise<void>;
  /**
   * Ends a card entity's streaming mode the documented way (PATCH cardkit/v1/cards/:id/settings with
   * streaming_mode false, the chat-list summary, the next sequence and a uuid): until then the preview
   * says 「生成中」, the card cannot be forwarded and card-action replies cannot replace it.
   */
  closeStreaming(cardId: string, summary: string, sequence: number): Promise<void>;
}

/** The longest an optional update (a partial answer) waits for a rate-limit slot before it is skipped. */
const OPTIONAL_WAIT_MS = 250;

/**
 * CardKit answers to a retry of an update the platform had already applied (the first answer was
 * lost): 200770 a repeated uuid, 300317 a sequence no longer above the card's. The docs do not say
 * which one a repeated uuid gets, so either one on a retry counts as done.
 */
const ALREADY_APPLIED_CODES: ReadonlySet<number> = new Set([200770, 300317]);

const envelopeSchema = z.object({ code: z.number(), msg: z.string().optional(), data: z.unknown().optional() });
const messageDataSchema = z.object({ message_id: z.string() });
const cardDataSchema = z.object({ card_id: z.string() });
const reactionDataSchema = z.object({ reaction_id: z.string() });

/** The transport, pacing and retry policy an OpenPlatform is built from (all injected). */
interface OpenPlatformOptions {
  request: PlatformRequest;
  limiter: OutboundLimiter;
  retry: RetryPolicy;
  clock: Clock;
  logger: Logger;
}

function serialize(content: CardContent): string {
  return 'cardId' in content ? JSON.stringify({ type: 'card', data: { card_id: content.cardId } }) : JSON.stringify(content.card);
}

/** The OpenPlatform over a PlatformRequest (the SDK client in production, anything in tests). */
export function createOpenPlatform(options: OpenPlatformOptions): OpenPlatform {
  /** One call to `api`: limiter slot, request, body `code` check, retried as a whole. */
  /**
   * `idempotent`: a CardKit update whose retry may find it applied; `exempt`: a call on a streaming
   * card entity, which the platform does not count against the per-API limits.
   */
  const call = async (
    api: string,
    request: PlatformCall,
    extra: { chatId?: string; idempotent?: boolean; exempt?: boolean; optional?: boolean } = {},
  ): Promise<unknown> =>
    withRetry(
      async (attempt) => {
        const { chatId, idempotent, exempt, optional } = extra;
        const admitted = await options.limiter.acquire({ api, chatId, exempt, maxWaitMs: optional ? OPTIONAL_WAIT_MS : undefined });
        if (!admitted) return undefined;
        try {
          const envelope = envelopeSchema.safeParse(await options.request(request));
          if (!envelope.success) throw new LarkError('invalid-response', `${request.path}: response has no code`);
          const { code, msg, data } = envelope.data;
          if (code !== 0)
            throw new LarkError(codeFor(200, code), `${request.path}: code ${code} ${msg ?? ''}`.trim(), { platformCode: code });
          return data;
        } catch (error) {
          const code = error instanceof LarkError ? error.details.platformCode : undefined;
          // a retry of a CardKit update the platform had applied already: done, whichever way it says so
          if (idempotent && attempt > 1 && code !== undefined && ALREADY_APPLIED_CODES.has(code)) return undefined;
          throw error;
        }
      },
      {
        policy: options.retry,
        clock: options.clock,
        retries: LarkError,
        onRetry: (error, attempt, delayMs) =>
          options.logger.warn('lark.retry', {
            path: request.path,
            attempt,
            delayMs,
            code: error.code,
            platformCode: error.details.platformCode,
          }),
      },
    );

  const parse = <T>(schema: z.ZodType<T>, data: unknown, path: string): T => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new LarkError('invalid-response', `${path}: unexpected data`);
    return parsed.data;
  };

  return {
    async replyCard({ messageId, chatId, content, uuid, inThread }) {
      const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`;
      const send = async (thread: boolean): Promise<string> => {
        const body = { msg_type: 'interactive', content: serialize(content), uuid, ...(thread ? { reply_in_thread: true } : {}) };
        return parse(messageDataSchema, await call('im.message.reply', { method: 'POST', path, body }, { chatId }), path).message_id;
      };
      try {
        return await send(inThread);
      } catch (error) {
        if (!(inThread && error instanceof LarkError && error.code === 'thread-unsupported')) throw error;
        options.logger.info('lark.thread_fallback', { messageId });
        return send(false);
      }
    },
    async sendCard({ chatId, card, uuid }) {
      const path = '/open-apis/im/v1/messages';
      const body = { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card), uuid };
      const data = await call('im.message.create', { method: 'POST', path, query: { receive_id_type: 'chat_id' }, body }, { chatId });
      const { message_id: messageId } = parse(messageDataSchema, data, path);
      if (messageId === '') throw new LarkError('invalid-response', `${path}: empty message_id`);
      return messageId;
    },
    async sendCardToUser({ openId, card, uuid }) {
      const path = '/open-apis/im/v1/messages';
      const body = { receive_id: openId, msg_type: 'interactive', content: JSON.stringify(card), uuid };
      const data = await call(
        'im.message.create',
        { method: 'POST', path, query: { receive_id_type: 'open_id' }, body },
        { chatId: openId },
      );
      return parse(messageDataSchema, data, path).message_id;
    },
    async recallMessage(messageId) {
      await call('im.message.delete', { method: 'DELETE', path: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}` });
    },
    async addReaction(messageId, emojiType) {
      const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reactions`;
      return parse(
        reactionDataSchema,
        await call('im.message.reaction.create', { method: 'POST', path, body: { reaction_type: { emoji_type: emojiType } } }),
        path,
      ).reaction_id;
    },
    async removeReaction(messageId, reactionId) {
      await call('im.message.reaction.delete', {
        method: 'DELETE',
        path: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reactions/${encodeURIComponent(reactionId)}`,
      });
    },
    async patchCard(messageId, card, patchOptions) {
      const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`;
      await call('im.message.patch', { method: 'PATCH', path, body: { content: JSON.stringify(card) } }, patchOptions);
    },
    async createCardEntity(card) {
      const path = '/open-apis/cardkit/v1/cards';
      return parse(
        cardDataSchema,
        await call('cardkit.card.create', { method: 'POST', path, body: { type: 'card_json', data: JSON.stringify(card) } }),
        path,
      ).card_id;
    },
    async updateCardEntity(cardId, card, sequence) {
      await call(
        'cardkit.card.update',
        {
          method: 'PUT',
          path: `/open-apis/cardkit/v1/cards/${encodeURIComponent(cardId)}`,
          body: { card: { type: 'card_json', data: JSON.stringify(card) }, sequence, uuid: `u-${cardId}-${sequence}` },
        },
        { idempotent: true, exempt: true },
      );
    },
    async streamCardText(cardId, elementId, text, sequence) {
      await call(
        'cardkit.element.content',
        {
          method: 'PUT',
          path: `/open-apis/cardkit/v1/cards/${encodeURIComponent(cardId)}/elements/${encodeURIComponent(elementId)}/content`,
          body: { content: text, sequence, uuid: `s-${cardId}-${sequence}` },
        },
        { idempotent: true, exempt: true },
      );
    },
    async closeStreaming(cardId, summary, sequence) {
      const settings = { config: { streaming_mode: false, summary: { content: summary } } };
      await call(
        'cardkit.card.settings',
        {
          method: 'PATCH',
          path: `/open-apis/cardkit/v1/cards/${encodeURIComponent(cardId)}/settings`,
          body: { settings: JSON.stringify(settings), sequence, uuid: `c-${cardId}-${sequence}` },
        },
        { idempotent: true, exempt: true },
      );
    },
  };
}
