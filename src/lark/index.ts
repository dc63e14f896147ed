export { createLarkBot, type LarkBot, type LarkBotOptions } from './bot.js';
export type { BotStatus } from './handlers/command-list.js';
export { systemClock, type Clock } from './clock.js';
export { LarkError, type LarkErrorCode } from './errors.js';
export { friendlyMessage } from './friendly-messages.js';
export { CONNECT_VARIABLES, larkSettings, type LarkSettings } from './settings.js';
export { startLarkBot, type RunningBot } from './start-bot.js';
export type { RetryPolicy } from './outbound/retry.js';
export type { WsClientFactory } from './transport/long-connection.js';
