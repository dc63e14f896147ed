import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true' || value === 'yes');
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

/** Every setting of the bot, read from environment variables; see README "Settings". */
export const configSchema = z.object({
  DOCS_DIR: z.string().default('seeds'),
  INDEX_DIR: z.string().default('knowledge/index'),
  DATA_DIR: z.string().default('data'),
  EMBEDDING_MODEL_ID: z.string().default('BAAI/bge-small-zh-v1.5'),
  EMBEDDING_MODEL_DIR: optionalText,
  EMBEDDING_ALLOW_REMOTE: flag,
  HF_ENDPOINT: optionalText,
  EMBEDDING_BATCH_TOKENS: positiveInt(4096),
  CHUNK_SIZE: positiveInt(600),
  MAX_QUESTION_CHARS: positiveInt(500),
  LLM_BASE_URL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_MODEL: optionalText,
  LLM_TIMEOUT_MS: positiveInt(20_000),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0.1),
  LLM_MAX_TOKENS: positiveInt(800),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Config = z.infer<typeof configSchema>;
