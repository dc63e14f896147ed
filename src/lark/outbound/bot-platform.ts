import type { LarkChannel } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';
import type { Clock } from '../../clock/index.js';
import { chatNames } from './chat-names.js';
import { createOpenPlatform, type OpenPlatform } from './open-platform.js';
import { createOutboundLimiter, FEISHU_LIMITS } from './outbound-limiter.js';
import type { RetryPolicy } from '../../retry/index.js';
import { DEFAULT_RETRY } from './retry.js';
import { sdkRequest } from './sdk-request.js';

/** Default timeout of one Open Platform call. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The bot's outbound side over the Channel's client: paced, retried calls, and cached chat names. */
export function botPlatform(
  channel: LarkChannel,
  deps: { clock: Clock; logger: Logger; retry?: RetryPolicy; requestTimeoutMs?: number },
): { platform: OpenPlatform; chatName(chatId: string): Promise<string | undefined> } {
  const request = sdkRequest(channel.rawClient, deps.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  const platform = createOpenPlatform({
    request,
    limiter: createOutboundLimiter(FEISHU_LIMITS, deps.clock),
    retry: deps.retry ?? DEFAULT_RETRY,
    clock: deps.clock,
    logger: deps.logger,
  });
  return { platform, chatName: chatNames(request, () => deps.clock.now()) };
}
