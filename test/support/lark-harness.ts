// Shared setup of the Feishu tests: a real index built from seeds/ in a temp dir, the real answer
// service over it, and the bot started in webhook mode against the fake Open Platform.
import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KnowledgeAdmin } from '../../src/admin/index.js';
import type { AnswerService } from '../../src/answer/index.js';
import { createApp, startAppBot, type Runtime } from '../../src/app/index.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import { buildIndex } from '../../src/index/index.js';
import { larkSettings, type BotStatus, type LarkSettings, type WsClientFactory } from '../../src/lark/index.js';
import type { RunningBot } from '../../src/app/index.js';
import type { RetryPolicy } from '../../src/retry/index.js';
import { createLogger, silentLogger, type Logger } from '../../src/log/index.js';
import type { Reminders, ReminderSchedulerExtra } from '../../src/reminders/index.js';
import type { NoticeSchedulerExtra, Notices } from '../../src/notices/index.js';
import { type FakeFeishu, WebhookClient, webhookEnvironment } from './fake-feishu/index.js';
import { withSeedEmbeddings } from './seed-embeddings.js';
import { SEEDS_DIR } from './seeds.js';

export const SECRETS = { encryptKey: 'test-encrypt-key', verificationToken: 'test-verification-token' };
export const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 5_000, rateLimitFloorMs: 1000 };

/**
 * Builds the real index of the seed documents once and returns the runtime over it; with `copyDocs`
 * DOCS_DIR is a copy of seeds/ that tests may change (uploads, removals).
 */
export async function seedRuntime(options: { copyDocs?: boolean } = {}): Promise<{ root: string; runtime: Runtime }> {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-lark-'));
  const docsDir = options.copyDocs ? join(root, 'docs') : SEEDS_DIR;
  if (options.copyDocs) cpSync(SEEDS_DIR, docsDir, { recursive: true });
  const config = loadConfig({
    DOCS_DIR: docsDir,
    INDEX_DIR: withSeedEmbeddings(join(root, 'index')),
    DATA_DIR: join(root, 'data'),
    LOG_LEVEL: 'silent',
  });
  const runtime = createApp(config).runtime;
  await buildIndex({
    docsDir: config.DOCS_DIR,
    indexDir: config.INDEX_DIR,
    chunkSize: config.CHUNK_SIZE,
    tokenizer: 'both',
    embedder: await runtime.embedder(),
    logger: silentLogger,
  });
  await runtime.asker();
  return { root, runtime };
}

/** Settings as `npm start` would read them from the environment, pointed at the fake. */
export function settingsFor(
  fake: FakeFeishu,
  dataDir: string,
  environment: Record<string, string> = {},
): { config: Config; settings: LarkSettings } {
  const config = loadConfig({
    ...webhookEnvironment(fake, SECRETS),
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_OPEN_IDS: 'ou_admin',
    ...environment,
  });
  const settings = larkSettings(config);
  if (!settings) throw new Error('the test settings do not configure the bot');
  return { config, settings };
}

export interface Harness {
  running: RunningBot;
  webhook: WebhookClient;
  settings: LarkSettings;
}

/** Starts the bot (webhook mode unless the environment says otherwise) with the given answer service. */
export async function startBot(options: {
  fake: FakeFeishu;
  dataDir: string;
  answers: AnswerService;
  status: BotStatus;
  environment?: Record<string, string>;
  logger?: Logger;
  wsClientFactory?: WsClientFactory;
  streamsAnswers?: boolean;
  reminders?: Reminders;
  reminderScheduler?: ReminderSchedulerExtra;
  knowledge?: KnowledgeAdmin;
  notices?: Notices;
  noticeScheduler?: NoticeSchedulerExtra;
  /** The retry policy (default FAST_RETRY). */
  retry?: RetryPolicy;
}): Promise<Harness> {
  const { config, settings } = settingsFor(options.fake, options.dataDir, options.environment);
  const logger = options.logger ?? testLogger();
  const running = await startAppBot(createApp(config, { logger }), settings, {
    answers: options.answers,
    status: options.status,
    ...(options.streamsAnswers !== undefined ? { streamsAnswers: options.streamsAnswers } : {}),
    reminders: options.reminders ?? null,
    knowledge: options.knowledge ?? null,
    ops: null,
    lark: { retry: options.retry ?? FAST_RETRY, requestTimeoutMs: 5_000, progressIntervalMs: 200 },
    ...(options.wsClientFactory ? { wsClientFactory: options.wsClientFactory } : {}),
    ...(options.reminderScheduler ? { reminderScheduler: options.reminderScheduler } : {}),
    notices: options.notices ?? null,
    ...(options.noticeScheduler ? { noticeScheduler: options.noticeScheduler } : {}),
  });
  const webhook = new WebhookClient(`http://127.0.0.1:${running.port ?? 0}${settings.webhookPath}`, SECRETS);
  return { running, webhook, settings };
}

/** Silent, unless LARK_TEST_LOG names a file to append JSON-lines debug logs to (for debugging a failing test). */
export function testLogger(): Logger {
  const file = process.env.LARK_TEST_LOG;
  return file ? createLogger('debug', (line) => appendFileSync(file, line)) : silentLogger;
}

/** `/status` and `/sources` over the runtime's index. */
export function statusOf(runtime: Runtime): BotStatus {
  return { manifest: () => runtime.index().manifest, answerMode: '原文摘录（未配置大模型）', startedAt: Date.now() };
}
