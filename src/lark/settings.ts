import { Domain } from '@larksuiteoapi/node-sdk';
import { ConfigError, type Config } from '../config/index.js';

/** The variables that turn the Feishu bot on. */
export const CONNECT_VARIABLES = ['LARK_APP_ID', 'LARK_APP_SECRET'] as const;

/** Everything the bot reads from the configuration, in the shapes the code uses. */
export interface LarkSettings {
  appId: string;
  appSecret: string;
  mode: 'long-connection' | 'webhook';
  domain: Domain | string;
  verificationToken?: string | undefined;
  encryptKey?: string | undefined;
  port: number;
  webhookPath: string;
  admins: ReadonlySet<string>;
  /** Chats whose members all count as admins. */
  adminChats: ReadonlySet<string>;
  /** Largest document upload accepted (the platform serves up to 100 MB). */
  uploadMaxBytes: number;
  allowedChats: string[];
  ratePerMinute: number;
  maxMessageChars: number;
  dedupTtlMs: number;
  /** How answer cards are updated; `auto` = CardKit streaming when answers stream (LLM), PATCH otherwise. */
  streaming: 'auto' | 'cardkit' | 'patch';
  /** A 「思考中」 reaction on each question while it is answered. */
  thinkingReaction: boolean;
  dataDir: string;
}

function domainOf(value: string): Domain | string {
  if (value === 'feishu') return Domain.Feishu;
  if (value === 'lark') return Domain.Lark;
  return value;
}

/**
 * The bot's settings, or undefined when LARK_APP_ID and LARK_APP_SECRET are not both set; checks the
 * combinations the schema cannot (a webhook needs its verification token).
 */
export function larkSettings(config: Config): LarkSettings | undefined {
  const { LARK_APP_ID: appId, LARK_APP_SECRET: appSecret } = config;
  if (!appId && !appSecret) return undefined;
  const problems: string[] = [];
  if (!appId || !appSecret) problems.push('LARK_APP_ID and LARK_APP_SECRET must be set together');
  if (config.LARK_MODE === 'webhook' && !config.LARK_VERIFICATION_TOKEN) {
    problems.push('LARK_VERIFICATION_TOKEN is required when LARK_MODE=webhook (Events and Callbacks → Encryption Strategy)');
  }
  if (problems.length > 0 || !appId || !appSecret) throw new ConfigError(problems);
  return {
    appId,
    appSecret,
    mode: config.LARK_MODE,
    domain: domainOf(config.LARK_DOMAIN),
    verificationToken: config.LARK_VERIFICATION_TOKEN,
    encryptKey: config.LARK_ENCRYPT_KEY,
    port: config.PORT,
    webhookPath: config.LARK_WEBHOOK_PATH,
    admins: new Set(config.ADMIN_OPEN_IDS),
    adminChats: new Set(config.ADMIN_CHAT_IDS),
    uploadMaxBytes: Math.round(config.UPLOAD_MAX_MB * 1024 * 1024),
    allowedChats: config.LARK_ALLOWED_CHATS,
    ratePerMinute: config.LARK_RATE_LIMIT_PER_MINUTE,
    maxMessageChars: config.LARK_MAX_MESSAGE_CHARS,
    dedupTtlMs: config.LARK_DEDUP_TTL_HOURS * 3600_000,
    streaming: config.LARK_STREAMING,
    thinkingReaction: config.LARK_THINKING_REACTION,
    dataDir: config.DATA_DIR,
  };
}
