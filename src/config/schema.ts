import { ConfigError } from './errors.js';
import { z } from 'zod';
import { noticesEnvironmentShape } from './notices-environment.js';
import { remindersEnvironmentShape } from './reminder-environment.js';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true' || value === 'yes');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

/** Every setting of the bot, read from environment variables; see docs/configuration.md. */
export const configSchema = z.object({
  DOCS_DIR: z.string().default('seeds'),
  INDEX_DIR: z.string().default('knowledge/index'),
  DATA_DIR: z.string().default('data'),
  EMBEDDING_MODEL_ID: z.string().default('BAAI/bge-small-zh-v1.5'),
  EMBEDDING_MODEL_DIR: optionalText,
  EMBEDDING_ALLOW_REMOTE: flag,
  HF_ENDPOINT: optionalText,
  EMBEDDING_BATCH_TOKENS: positiveInt(1024),
  EMBEDDING_PASSAGE_TOKENS: z.coerce.number().int().min(16).max(512).default(512),
  EMBEDDING_WORKERS: z.coerce.number().int().min(1).max(16).default(2),
  CHUNK_SIZE: positiveInt(600),
  MAX_QUESTION_CHARS: positiveInt(500),
  LLM_BASE_URL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: positiveInt(20_000),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
  LLM_MAX_TOKENS: positiveInt(800),
  PROMPTS_DIR: z.string().default('prompts'),
  CONVERSATION_TURNS: positiveInt(4),
  CONVERSATION_IDLE_MINUTES: positiveInt(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  // Read by loadEnvFile before this schema parses the environment; listed here so it is documented.
  ENV_FILE: z.string().default('.env'),
  // Reminders (src/reminders); see docs/reminders.md.
  ...remindersEnvironmentShape,
  // New-policy and expiry notices (src/notices); see docs/measures.md.
  ...noticesEnvironmentShape,
  // Feishu / Lark bot (src/lark); see docs/feishu.md. Cross-field checks live in src/lark/settings.ts.
  LARK_APP_ID: optionalText,
  LARK_APP_SECRET: optionalText,
  LARK_MODE: z.enum(['long-connection', 'webhook']).default('long-connection'),
  LARK_DOMAIN: z
    .string()
    .default('feishu')
    .transform((value) => value.trim().replace(/\/+$/, ''))
    .refine((value) => value === 'feishu' || value === 'lark' || /^https?:\/\/[^\s/]+/.test(value), {
      message: 'must be feishu, lark or a base URL such as https://open.feishu.cn',
    }),
  LARK_VERIFICATION_TOKEN: optionalText,
  LARK_ENCRYPT_KEY: optionalText,
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  LARK_WEBHOOK_PATH: z.string().regex(/^\//, 'must start with /').default('/webhook/event'),
  ADMIN_OPEN_IDS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter((id) => id !== '')),
  ADMIN_CHAT_IDS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter((id) => id !== '')),
  UPLOAD_MAX_MB: z.coerce.number().positive().max(100).default(20),
  WATCH_DOCS: flag,
  WATCH_DEBOUNCE_MS: positiveInt(3_000),
  // OCR of scanned PDFs and images (src/ingest/ocr, docs/ocr.md)
  OCR_ENABLED: z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'])
    .default('1')
    .transform((value) => value === '1' || value === 'true' || value === 'yes'),
  OCR_MAX_PAGES: positiveInt(50),
  OCR_MAX_PIXELS: positiveInt(40_000_000),
  OCR_RECYCLE_PAGES: positiveInt(20),
  OCR_LOW_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.6),
  LARK_ALLOWED_CHATS: z
    .string()
    .default('')
    .transform((value) => value.split(/[\s,]+/).filter((id) => id !== '')),
  LARK_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  LARK_MAX_MESSAGE_CHARS: positiveInt(2000),
  LARK_DEDUP_TTL_HOURS: z.coerce.number().int().min(24).default(48),
  LARK_STREAMING: z.enum(['auto', 'cardkit', 'patch']).default('auto'),
  // a 「思考中」 reaction on each question while it is answered (needs im:message.reactions:write_only)
  LARK_THINKING_REACTION: flag,
  // Several instances (src/postgres); see docs/multi-instance.md.
  STORE: z.enum(['embedded', 'postgres']).default('embedded'),
  INDEX_STORE: z.enum(['file', 'postgres']).default('file'),
  DATABASE_URL: optionalText,
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lower-case name')
    .default('policybot'),
  LARK_CLAIM_LEASE_SECONDS: positiveInt(120),
  LARK_SWEEP_SECONDS: z.coerce.number().int().min(0).default(10),
  // Operations (src/ops); see docs/operations.md.
  OPS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
  OPS_HOST: optionalText,
  SHUTDOWN_TIMEOUT_MS: positiveInt(10_000),
  // Admin console (src/console); see docs/console.md.
  CONSOLE_ENABLED: flag,
  CONSOLE_PUBLIC_URL: optionalText,
  CONSOLE_OAUTH: flag,
  CONSOLE_AUTHORIZE_URL: optionalText,
  CONSOLE_IDLE_MINUTES: positiveInt(30),
  CONSOLE_SECRET: optionalText,
  QUESTION_RETENTION_DAYS: positiveInt(180),
});

export type Config = z.infer<typeof configSchema>;

/**
 * Problems across settings, read from the raw environment so they are listed beside the others
 * (a refinement of the schema would only run once everything else is valid).
 */
export function crossSettingProblems(environment: Record<string, string | undefined>): string[] {
  const inPostgres =
    environment.STORE === 'postgres' ? 'STORE=postgres' : environment.INDEX_STORE === 'postgres' ? 'INDEX_STORE=postgres' : undefined;
  if (inPostgres && !environment.DATABASE_URL?.trim())
    return [`DATABASE_URL: required when ${inPostgres} (e.g. postgres://user@host:5432/db)`];
  return [];
}

/** DATABASE_URL where STORE or INDEX_STORE is postgres (the schema guarantees it for a loaded config). */
export function databaseUrl(config: Pick<Config, 'DATABASE_URL'>): string {
  if (!config.DATABASE_URL)
    throw new ConfigError(['DATABASE_URL: required when STORE=postgres or INDEX_STORE=postgres (e.g. postgres://user@host:5432/db)']);
  return config.DATABASE_URL;
}
