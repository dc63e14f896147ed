import { Client, DefaultCache } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';
import { SendError, type Sender, type SendErrorCode } from '../../reminders/index.js';
import { systemClock, type Clock } from '../../clock/index.js';
import { LarkError } from '../errors.js';
import { createOpenPlatform, type OpenPlatform } from './open-platform.js';
import { createOutboundLimiter, FEISHU_LIMITS } from './outbound-limiter.js';
import type { RetryPolicy } from '../../retry/index.js';
import { DEFAULT_RETRY } from './retry.js';
import { sdkRequest } from './sdk-request.js';
import { sdkLogger, SDK_LOGGER_LEVEL } from '../transport/sdk-logger.js';
import type { LarkSettings } from '../settings.js';

/**
 * Platform codes that mean the chat cannot receive the bot's messages (not worth retrying soon):
 * 230002 the bot is not in the group, 230013 the bot is not available to this user,
 * 232009 the chat was dissolved (230045 is the Pin API's code, not the send API's). Other 4xx codes are
 * plain `rejected`.
 */
const CHAT_UNAVAILABLE_CODES: ReadonlySet<number> = new Set([230002, 230013, 232009]);

/** Maps a failed Open Platform call onto the reminders' SendError (retry code reads only `isRetryable`). */
function sendErrorFrom(error: unknown): SendError {
  if (error instanceof SendError) return error;
  if (!(error instanceof LarkError)) {
    return new SendError('network', error instanceof Error ? error.message : String(error), { cause: error });
  }
  const { platformCode, httpStatus } = error.details;
  const details = { platformCode, httpStatus, cause: error };
  const code: SendErrorCode =
    platformCode !== undefined && CHAT_UNAVAILABLE_CODES.has(platformCode)
      ? 'chat-unavailable'
      : error.code === 'thread-unsupported'
        ? 'rejected'
        : error.code;
  return new SendError(code, error.message, details);
}

/**
 * The Feishu Sender of the reminders: posts the card as a new message to the chat through the bot's
 * OpenPlatform (paced per chat and per API, retried on 429/5xx/network/frequency-limit codes, body
 * `code` checked), passing `uuid` so the platform turns a repeat into the first message. Success is
 * body `code` 0 with a returned message_id; everything else becomes a typed SendError.
 */
export function larkReminderSender(platform: Pick<OpenPlatform, 'sendCard'>): Sender {
  return {
    async send(chatId, card, uuid) {
      try {
        const messageId = await platform.sendCard({ chatId, card, uuid });
        return { ok: true, messageId };
      } catch (error) {
        return { ok: false, error: sendErrorFrom(error) };
      }
    },
  };
}

/**
 * A Feishu Sender outside the running bot (`cli reminders send-test`): its own SDK client (tenant token,
 * domain), limiter and retry policy.
 */
export function standaloneReminderSender(
  settings: Pick<LarkSettings, 'appId' | 'appSecret' | 'domain'>,
  logger: Logger,
  options: { clock?: Clock; retry?: RetryPolicy; requestTimeoutMs?: number } = {},
): Sender {
  const clock = options.clock ?? systemClock;
  // its own token cache: the SDK's default one is shared by every client in the process, whatever the domain
  const client = new Client({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: settings.domain,
    cache: new DefaultCache(),
    logger: sdkLogger(logger),
    loggerLevel: SDK_LOGGER_LEVEL,
  });
  const platform = createOpenPlatform({
    request: sdkRequest(client, options.requestTimeoutMs ?? 10_000),
    limiter: createOutboundLimiter(FEISHU_LIMITS, clock),
    retry: options.retry ?? DEFAULT_RETRY,
    clock,
    logger,
  });
  return larkReminderSender(platform);
}
