import { z } from 'zod';
import type { CardJson } from '../../cards/index.js';
import { LarkError } from '../errors.js';
import type { Logger } from '../../log/index.js';
import { parseData, platformCaller, type OpenPlatformOptions, type PlatformCaller } from './platform-call.js';

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

const messageDataSchema = z.object({ message_id: z.string() });
const cardDataSchema = z.object({ card_id: z.string() });
const reactionDataSchema = z.object({ reaction_id: z.string() });

function serialize(content: CardContent): string {
  return 'cardId' in content ? JSON.stringify({ type: 'card', data: { card_id: content.cardId } }) : JSON.stringify(content.card);
}

type MessageMethods = Pick<
  OpenPlatform,
  'replyCard' | 'sendCard' | 'sendCardToUser' | 'recallMessage' | 'addReaction' | 'removeReaction' | 'patchCard'
>;
type CardKitMethods = Pick<OpenPlatform, 'createCardEntity' | 'updateCardEntity' | 'streamCardText' | 'closeStreaming'>;

/** im/v1 messages and reactions. */
function messageMethods(call: PlatformCaller, logger: Logger): MessageMethods {
  return {
    async replyCard({ messageId, chatId, content, uuid, inThread }) {
      const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`;
      const send = async (thread: boolean): Promise<string> => {
        const body = { msg_type: 'interactive', content: serialize(content), uuid, ...(thread ? { reply_in_thread: true } : {}) };
        return parseData(messageDataSchema, await call('im.message.reply', { method: 'POST', path, body }, { chatId }), path).message_id;
      };
      try {
        return await send(inThread);
      } catch (error) {
        if (!(inThread && error instanceof LarkError && error.code === 'thread-unsupported')) throw error;
        logger.info('lark.thread_fallback', { messageId });
        return send(false);
      }
    },
    async sendCard({ chatId, card, uuid }) {
      const path = '/open-apis/im/v1/messages';
      const body = { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card), uuid };
      const data = await call('im.message.create', { method: 'POST', path, query: { receive_id_type: 'chat_id' }, body }, { chatId });
      const { message_id: messageId } = parseData(messageDataSchema, data, path);
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
      return parseData(messageDataSchema, data, path).message_id;
    },
    async recallMessage(messageId) {
      await call('im.message.delete', { method: 'DELETE', path: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}` });
    },
    async addReaction(messageId, emojiType) {
      const path = `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reactions`;
      return parseData(
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
  };
}

/** CardKit card entities: create, replace, stream text, close streaming (each update idempotent by its uuid). */
function cardKitMethods(call: PlatformCaller): CardKitMethods {
  return {
    async createCardEntity(card) {
      const path = '/open-apis/cardkit/v1/cards';
      return parseData(
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

/** The OpenPlatform over a PlatformRequest (the SDK client in production, anything in tests). */
export function createOpenPlatform(options: OpenPlatformOptions): OpenPlatform {
  const call = platformCaller(options);
  return { ...messageMethods(call, options.logger), ...cardKitMethods(call) };
}
