/** Where a setting is documented: its group in docs/configuration.md and .env.example, and what it means. */
interface SettingDoc {
  group: string;
  meaning: string;
}

/**
 * One line per setting of `configSchema`, in the order the generated files list them (`npm run config-docs`).
 * A schema entry without a line here fails test/config/config-docs.test.ts: add its meaning when you add a setting.
 */
export const SETTING_DOCS: Readonly<Record<string, SettingDoc>> = {
  DOCS_DIR: {
    group: 'Documents, index and model',
    meaning:
      'source documents: `.pdf` (text layer), `.docx`, `.html`/`.htm`, `.txt`/`.md` (UTF-8, GB18030/GBK, Big5, UTF-16 with BOM), `.jsonl` (`{id, text, title?, date?, url?}` per line); see docs/documents.md',
  },
  INDEX_DIR: { group: 'Documents, index and model', meaning: 'built index (generated, git-ignored)' },
  DATA_DIR: {
    group: 'Documents, index and model',
    meaning: 'runtime state: feedback, answer records, dedup (`lark-claims.jsonl`), reminder send logs, console history',
  },
  EMBEDDING_MODEL_ID: { group: 'Documents, index and model', meaning: 'model id inside `models/`' },
  EMBEDDING_MODEL_DIR: { group: 'Documents, index and model', meaning: 'any other Transformers.js model folder' },
  EMBEDDING_ALLOW_REMOTE: {
    group: 'Documents, index and model',
    meaning: '`1` lets Transformers.js download from the Hugging Face hub (online users only)',
  },
  HF_ENDPOINT: { group: 'Documents, index and model', meaning: 'hub mirror, used only with `EMBEDDING_ALLOW_REMOTE=1`' },
  EMBEDDING_BATCH_TOKENS: {
    group: 'Documents, index and model',
    meaning: 'padded-token budget of one embedding batch (measured best: `npx tsx bench/batch-budget.ts`)',
  },
  EMBEDDING_WORKERS: {
    group: 'Documents, index and model',
    meaning: 'worker threads embedding passages (one single-threaded model session each); `1` embeds in-process',
  },
  EMBEDDING_PASSAGE_TOKENS: {
    group: 'Documents, index and model',
    meaning:
      'passages are embedded by their first N tokens (BM25 always sees the whole chunk); 320 embeds ~2.6× faster than the naive pipeline at about −2 points hit@1',
  },
  CHUNK_SIZE: { group: 'Documents, index and model', meaning: 'maximum characters of a paragraph chunk' },
  MAX_QUESTION_CHARS: { group: 'Documents, index and model', meaning: 'longer questions are cut, with a note in the answer' },
  LOG_LEVEL: { group: 'Logs and settings files', meaning: '`debug`, `info`, `warn`, `error`, `silent`' },
  LOG_FORMAT: {
    group: 'Logs and settings files',
    meaning: '`auto`: short human lines on a terminal, JSON lines otherwise; `json` or `pretty` to choose',
  },
  ENV_FILE: {
    group: 'Logs and settings files',
    meaning: 'settings file read at start by `npm start` and the CLI (variables already set win); `none` reads no file',
  },
  LLM_BASE_URL: {
    group: 'LLM answers',
    meaning: 'OpenAI-compatible endpoint (ends in `/v1` for most servers); unset = api.openai.com. See "LLM answers"',
  },
  LLM_API_KEY: { group: 'LLM answers', meaning: 'key of that endpoint (local servers need none); never logged' },
  LLM_MODEL: { group: 'LLM answers', meaning: 'chat model name; required once `LLM_BASE_URL` or `LLM_API_KEY` is set' },
  LLM_TIMEOUT_MS: {
    group: 'LLM answers',
    meaning: 'time budget of all model calls for one question, retries included; past it the extractive answer is used',
  },
  LLM_TEMPERATURE: { group: 'LLM answers', meaning: 'sampling temperature (0–2)' },
  LLM_MAX_TOKENS: { group: 'LLM answers', meaning: 'most tokens the model may write per answer' },
  PROMPTS_DIR: {
    group: 'LLM answers',
    meaning: 'prompt templates (`system.txt`, `answer.txt`, `rewrite.txt`, `refusal.txt`), checked at start',
  },
  CONVERSATION_TURNS: { group: 'LLM answers', meaning: 'earlier turns of a chat or thread kept to resolve follow-up questions' },
  CONVERSATION_IDLE_MINUTES: { group: 'LLM answers', meaning: 'a conversation idle this long starts afresh' },
  LARK_APP_ID: {
    group: 'Feishu / Lark',
    meaning: "the app's id; with `LARK_APP_SECRET` set `npm start` runs the bot, without both it opens the console chat",
  },
  LARK_APP_SECRET: { group: 'Feishu / Lark', meaning: "the app's secret (never logged)" },
  LARK_MODE: { group: 'Feishu / Lark', meaning: '`long-connection` (SDK WSClient) or `webhook` (HTTP server on `PORT`)' },
  LARK_DOMAIN: {
    group: 'Feishu / Lark',
    meaning: '`feishu` (open.feishu.cn), `lark` (open.larksuite.com) or a base URL (private deployment, tests)',
  },
  LARK_VERIFICATION_TOKEN: { group: 'Feishu / Lark', meaning: 'Events & Callbacks → Encryption Strategy; required in webhook mode' },
  LARK_ENCRYPT_KEY: { group: 'Feishu / Lark', meaning: 'same page; webhook events must then be signed (else 401) and are decrypted' },
  PORT: {
    group: 'Feishu / Lark',
    meaning:
      'webhook mode: port of the webhook, `/healthz` and `/metrics`; long-connection mode: `/healthz` and `/metrics` unless `OPS_PORT` is set',
  },
  LARK_WEBHOOK_PATH: { group: 'Feishu / Lark', meaning: 'webhook mode: path of the request URL' },
  ADMIN_OPEN_IDS: {
    group: 'Feishu / Lark',
    meaning:
      'open_ids (comma or space separated) allowed to upload documents and use `/reindex`, `/docs`, `/subscribe`, `/unsubscribe` and `/remind`; send `/whoami` to the bot to see your open_id',
  },
  ADMIN_CHAT_IDS: {
    group: 'Feishu / Lark',
    meaning: 'chat_ids whose members all count as admins (an operations group); `/whoami` in the group shows its chat_id',
  },
  UPLOAD_MAX_MB: { group: 'Feishu / Lark', meaning: 'largest document an admin may upload (the platform serves files up to 100 MB)' },
  LARK_ALLOWED_CHATS: {
    group: 'Feishu / Lark',
    meaning: 'if set, the only group chat_ids the bot answers in (direct messages are always answered)',
  },
  LARK_RATE_LIMIT_PER_MINUTE: {
    group: 'Feishu / Lark',
    meaning: 'questions per user per minute; the first one over the limit gets a friendly reply, later ones are dropped',
  },
  LARK_MAX_MESSAGE_CHARS: {
    group: 'Feishu / Lark',
    meaning: 'longer messages are refused with a friendly reply (shorter ones over `MAX_QUESTION_CHARS` are cut with a note)',
  },
  LARK_DEDUP_TTL_HOURS: { group: 'Feishu / Lark', meaning: 'how long answered message_ids are remembered on disk (at least 24)' },
  LARK_STREAMING: {
    group: 'Feishu / Lark',
    meaning:
      '`cardkit` (card entity with `streaming_mode`), `patch` (PATCH the card message), or `auto`: CardKit when an LLM is configured, PATCH for extractive answers (one call fewer per answer)',
  },
  LARK_THINKING_REACTION: {
    group: 'Feishu / Lark',
    meaning:
      '`1` adds a 「思考中」 reaction to a question while it is answered and removes it with the answer (needs `im:message.reactions:write_only`, see docs/feishu.md)',
  },
  CONSOLE_ENABLED: {
    group: 'Admin console',
    meaning: '`1` serves the admin web console at `/console` beside `/healthz` and `/metrics` (see docs/console.md)',
  },
  CONSOLE_PUBLIC_URL: {
    group: 'Admin console',
    meaning: 'where admins reach the console (behind a reverse proxy); login links and the OAuth redirect point here',
  },
  CONSOLE_OAUTH: {
    group: 'Admin console',
    meaning:
      '`1` offers 使用飞书登录 (OAuth 2.0; the open_id must be in `ADMIN_OPEN_IDS`); without it admins log in with a one-time `/console` link',
  },
  CONSOLE_AUTHORIZE_URL: {
    group: 'Admin console',
    meaning: "the Feishu authorization page, for a private deployment (default: the `LARK_DOMAIN`'s)",
  },
  CONSOLE_IDLE_MINUTES: {
    group: 'Admin console',
    meaning: 'a console session ends after this long without a request (12 h at most in all)',
  },
  CONSOLE_SECRET: {
    group: 'Admin console',
    meaning: 'key signing console sessions and links (never logged); default: derived from `LARK_APP_SECRET`',
  },
  QUESTION_RETENTION_DAYS: { group: 'Admin console', meaning: 'how long answered questions and their votes are kept for the console' },
  REMINDER_TIMEZONE: { group: 'Reminders', meaning: 'zone of calendar times, cron and card dates' },
  REMINDER_CATCH_UP_HOURS: { group: 'Reminders', meaning: 'how late a missed send may still go out' },
  DIGEST_CRON: { group: 'Reminders', meaning: 'weekly digest (node-cron syntax, in the zone; no seconds, no L/#)' },
  EXPIRY_CRON: {
    group: 'Reminders',
    meaning:
      'weekly card to `ADMIN_CHAT_IDS` listing documents that expire within 30 days or have expired (node-cron syntax, in `REMINDER_TIMEZONE`; a missed one goes out within `REMINDER_CATCH_UP_HOURS`)',
  },
  DIGEST_DAYS: { group: 'Reminders', meaning: 'how far ahead the digest looks' },
  CALENDAR_FILE: { group: 'Reminders', meaning: 'the curated calendar (re-read when it changes)' },
  REMINDER_GROUPS: { group: 'Reminders', meaning: 'named chat groups: `staff=oc_a|oc_b,startups=oc_c` (or repeat a name)' },
  WATCH_DOCS: { group: 'Documents from chat', meaning: 're-index when `DOCS_DIR` changes (bot and console chat)' },
  WATCH_DEBOUNCE_MS: { group: 'Documents from chat', meaning: 'quiet time before a watched change is indexed' },
  OCR_ENABLED: {
    group: 'Scans (OCR)',
    meaning:
      'read scanned PDF pages and `.png`/`.jpg`/`.jpeg`/`.webp` images offline with OCR (tesseract.js); `0` skips them; see docs/ocr.md',
  },
  OCR_MAX_PAGES: { group: 'Scans (OCR)', meaning: "most pages OCR'd in one file; a longer scan is refused with a message" },
  OCR_MAX_PIXELS: { group: 'Scans (OCR)', meaning: 'most pixels of one page image (A4 at 600 dpi is about 35 M); a larger one is refused' },
  OCR_RECYCLE_PAGES: {
    group: 'Scans (OCR)',
    meaning: 'the OCR worker thread is ended and replaced after this many pages (bounded memory)',
  },
  OCR_LOW_CONFIDENCE: {
    group: 'Scans (OCR)',
    meaning: 'OCR lines below this confidence (0–1) flag their chunks; answers citing them say 以下内容来自扫描件识别，请以原件为准',
  },
  STORE: { group: 'Several instances (PostgreSQL)', meaning: '`postgres` shares the stores above through `DATABASE_URL`' },
  DATABASE_URL: {
    group: 'Several instances (PostgreSQL)',
    meaning: 'e.g. `postgres://policybot:secret@db:5432/policybot`; required with `STORE=postgres`',
  },
  DATABASE_SCHEMA: { group: 'Several instances (PostgreSQL)', meaning: 'schema the tables live in (created when missing)' },
  INDEX_STORE: {
    group: 'Several instances (PostgreSQL)',
    meaning:
      '`postgres` keeps the knowledge index in PostgreSQL (pgvector required: `apt install postgresql-15-pgvector`, or the `pgvector/pgvector` image); `file` keeps it in `INDEX_DIR`',
  },
  LARK_CLAIM_LEASE_SECONDS: {
    group: 'Several instances (PostgreSQL)',
    meaning:
      'how long a message stays claimed by an instance before another may take it over (longer than the 60 s answer timeout, so a slow answer is not taken over)',
  },
  LARK_SWEEP_SECONDS: {
    group: 'Several instances (PostgreSQL)',
    meaning: "how often each instance looks for abandoned claims (another instance's, or its own previous run's)",
  },
  OPS_PORT: { group: 'Operations', meaning: 'long-connection mode: port of the ops server' },
  OPS_HOST: { group: 'Operations', meaning: 'long-connection mode: address the ops server binds (e.g. `127.0.0.1`)' },
  SHUTDOWN_TIMEOUT_MS: { group: 'Operations', meaning: 'how long shutdown waits for answers in flight' },
};
