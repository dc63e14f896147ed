import { createLarkChannel, type Cache, type LarkChannel } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';
import { SDK_LOGGER_LEVEL, sdkLogger } from './sdk-logger.js';
import type { LarkSettings } from '../settings.js';

/**
 * Platform re-deliveries come after 15 s, 5 min, 1 h and 6 h: a message up to 8 h old is still answered
 * (older ones are dropped by the SDK as stale); the dedup TTL (≥ 24 h) always outlives this window.
 */
const STALE_MESSAGE_WINDOW_MS = 8 * 3600_000;

/**
 * The SDK's Channel: message normalisation, mention and group policy, dedup by message_id (memory tier
 * over our durable `cache`), a per-chat queue, and the tenant token. Its transport is 'webhook' in both
 * modes, which in 1.74 means "the dispatcher is wired externally": our webhook server and our long
 * connection both feed the same dispatcher.
 */
export function createSdkChannel(settings: LarkSettings, cache: Cache, logger: Logger): LarkChannel {
  return createLarkChannel({
    appId: settings.appId,
    appSecret: settings.appSecret,
    transport: 'webhook',
    domain: settings.domain,
    cache,
    logger: sdkLogger(logger),
    loggerLevel: SDK_LOGGER_LEVEL,
    // the raw event carries the sender's user_id, which `/whoami` shows (the normalised message has only open_id)
    includeRawEvent: true,
    webhook: {
      ...(settings.verificationToken ? { verificationToken: settings.verificationToken } : {}),
      ...(settings.encryptKey ? { encryptKey: settings.encryptKey } : {}),
    },
    safety: {
      dedup: { ttl: settings.dedupTtlMs },
      // One handler call per message: merging would keep only the last message id, and we reply to each.
      batch: { text: { delayMs: 0 } },
      staleMessageWindowMs: STALE_MESSAGE_WINDOW_MS,
    },
    policy: {
      requireMention: true,
      respondToMentionAll: false,
      dmMode: 'open',
      ...(settings.allowedChats.length > 0 ? { groupAllowlist: settings.allowedChats } : {}),
    },
  });
}
