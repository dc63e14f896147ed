// The events around the conversation a deployed bot is expected to handle: added to a group (a
// welcome), a person opening a direct chat (a welcome), the bot menu (常见问题 / 近期活动 / 订阅提醒),
// a question recalled (not answered, its reply withdrawn), and a chat gone (dissolved, or the bot
// removed: its reminder subscriptions removed and audited). Each payload is parsed with zod here.
import { z } from 'zod';
import type { Logger } from '../../log/index.js';
import type { NoticesService } from '../../notices/index.js';
import type { RemindersService } from '../../reminders/index.js';
import type { Clock } from '../../clock/index.js';
import { directWelcomeCard, faqCard, groupWelcomeCard, subscribeHelpCard } from '../cards/welcome-cards.js';
import { LarkError } from '../errors.js';
import type { CardJson } from '../../cards/index.js';
import type { OpenPlatform } from '../outbound/open-platform.js';
import type { Recalls } from './recalls.js';
import { replyUuid } from '../outbound/reply-uuid.js';
import type { AuditLog } from '../store/audit-log.js';

const openId = z.object({ open_id: z.string().optional() }).passthrough();
const chatEvent = z.object({ event_id: z.string(), chat_id: z.string().min(1), operator_id: openId.optional() }).passthrough();
const p2pEntered = chatEvent.extend({ last_message_id: z.string().optional() });
const menuEvent = z
  .object({ event_id: z.string(), event_key: z.string(), operator: z.object({ operator_id: openId }).passthrough() })
  .passthrough();
const recalledEvent = z.object({ message_id: z.string().min(1), chat_id: z.string().optional() }).passthrough();

/** What the lifecycle handlers need from the bot. */
interface LifecycleDeps {
  platform: Pick<OpenPlatform, 'sendCard' | 'sendCardToUser' | 'recallMessage'>;
  recalls: Recalls;
  audit: AuditLog;
  clock: Clock;
  logger: Logger;
  reminders?: RemindersService;
  /** The new-policy subscriptions: a chat the bot left is dropped from them too. */
  notices?: Pick<NoticesService, 'unsubscribe'>;
}

/** An event handler as the SDK's dispatcher calls it (with the flattened header and event). */
type EventHandler = (data: unknown) => Promise<void>;

/** Parses `data`, or logs why it is ignored. */
function parsed<T>(schema: z.ZodType<T>, data: unknown, type: string, logger: Logger): T | undefined {
  const result = schema.safeParse(data);
  if (!result.success) logger.warn('lark.event_unparsed', { type, issues: result.error.issues.slice(0, 3) });
  return result.success ? result.data : undefined;
}

/** The lifecycle handlers, by event type, for the dispatcher's `register`. */
export function lifecycleHandlers(deps: LifecycleDeps): Record<string, EventHandler> {
  const { platform, logger } = deps;
  /** A card into a chat; the event id makes a re-delivered event's send a no-op at the platform. */
  const post = async (chatId: string, card: CardJson, eventId: string): Promise<void> => {
    try {
      await platform.sendCard({ chatId, card, uuid: replyUuid(`event:${eventId}`) });
    } catch (error) {
      logger.warn('lark.event_send_failed', { chatId, error });
    }
  };

  /** A new-policy subscription of a chat that is gone is dropped (audited when there was one). */
  const dropPolicies = async (chatId: string, actor: string, type: string, reason: string): Promise<void> => {
    try {
      const dropped = await deps.notices?.unsubscribe(chatId);
      if (dropped?.changed)
        await deps.audit.record({
          time: new Date(deps.clock.now()).toISOString(),
          actor,
          chatId,
          action: 'unsubscribe policies',
          args: type,
          result: 'ok',
          detail: reason,
        });
    } catch (error) {
      logger.error('lark.chat_gone_failed', { chatId, type, error });
    }
  };

  /** The chat is gone for the bot: its reminder subscription is removed, and that is audited. */
  const chatGone =
    (type: string, reason: string): EventHandler =>
    async (data) => {
      const event = parsed(chatEvent, data, type, logger);
      if (!event) return;
      const actor = event.operator_id?.open_id ?? 'system';
      await dropPolicies(event.chat_id, actor, type, reason);
      if (!deps.reminders) return;
      try {
        const { changed } = await deps.reminders.unsubscribe(event.chat_id, actor);
        await deps.audit.record({
          time: new Date(deps.clock.now()).toISOString(),
          actor,
          chatId: event.chat_id,
          action: 'unsubscribe',
          args: type,
          result: 'ok',
          detail: `${reason}${changed ? '' : '（本来就没有订阅）'}`,
        });
        logger.info('lark.chat_gone', { chatId: event.chat_id, type, changed });
      } catch (error) {
        logger.error('lark.chat_gone_failed', { chatId: event.chat_id, type, error });
      }
    };

  const menuCard = async (key: string, operator: string): Promise<CardJson | undefined> => {
    if (key === 'faq') return faqCard();
    if (key === 'subscribe') return subscribeHelpCard();
    if (key === 'upcoming') return deps.reminders ? deps.reminders.upcomingCard(operator) : subscribeHelpCard();
    return undefined;
  };

  return {
    'im.chat.member.bot.added_v1': async (data) => {
      const event = parsed(chatEvent, data, 'bot.added', logger);
      if (event) await post(event.chat_id, groupWelcomeCard(), event.event_id);
    },
    'im.chat.access_event.bot_p2p_chat_entered_v1': async (data) => {
      const event = parsed(p2pEntered, data, 'p2p_chat_entered', logger);
      // fired whenever the chat is opened: welcome only a conversation that has no message yet
      if (event && !event.last_message_id) await post(event.chat_id, directWelcomeCard(), event.event_id);
    },
    'application.bot.menu_v6': async (data) => {
      const event = parsed(menuEvent, data, 'bot.menu', logger);
      const operator = event?.operator.operator_id.open_id;
      if (!event || !operator) return;
      const card = await menuCard(event.event_key, operator);
      if (!card) return void logger.warn('lark.menu_unknown', { key: event.event_key });
      try {
        await platform.sendCardToUser({ openId: operator, card, uuid: replyUuid(`event:${event.event_id}`) });
      } catch (error) {
        logger.warn('lark.event_send_failed', { openId: operator, error });
      }
    },
    'im.message.recalled_v1': async (data) => {
      const event = parsed(recalledEvent, data, 'message.recalled', logger);
      if (!event) return;
      const replyId = deps.recalls.recalled(event.message_id);
      logger.info('lark.question_recalled', { messageId: event.message_id, replyId });
      if (!replyId) return;
      try {
        await platform.recallMessage(replyId);
      } catch (error) {
        // 230011: already withdrawn
        if (!(error instanceof LarkError && error.details.platformCode === 230011)) logger.warn('lark.withdraw_failed', { replyId, error });
      }
    },
    'im.chat.disbanded_v1': chatGone('im.chat.disbanded_v1', '群已解散'),
    'im.chat.member.bot.deleted_v1': chatGone('im.chat.member.bot.deleted_v1', '机器人已被移出群聊'),
  };
}
