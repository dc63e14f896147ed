import type { KnowledgeAdmin } from '../admin/index.js';
import { systemClock } from '../clock/index.js';
import type { Config } from '../config/index.js';
import { consoleSecret, createConsole, oauthEndpoints, type AdminConsole } from '../console/index.js';
import type { Logger } from '../log/index.js';
import type { Reminders } from '../reminders/index.js';
import { createRetriever } from '../retrieve/index.js';
import type { Runtime } from './runtime.js';

/**
 * The admin console when CONSOLE_ENABLED=1: signed with CONSOLE_SECRET (else derived from the app
 * secret), Feishu login when CONSOLE_OAUTH=1, links pointing at CONSOLE_PUBLIC_URL (else this host).
 */
export async function consoleFor(options: {
  runtime: Runtime;
  config: Config;
  logger: Logger;
  opsPort: number;
  knowledge?: KnowledgeAdmin | undefined;
  reminders?: Reminders | undefined;
}): Promise<AdminConsole | undefined> {
  const { runtime, config, logger, reminders } = options;
  if (!config.CONSOLE_ENABLED) return undefined;
  const answers = await runtime.answerService();
  const embedder = await runtime.embedder();
  const endpoints = oauthEndpoints(config.LARK_DOMAIN);
  return createConsole({
    secret: consoleSecret(config.CONSOLE_SECRET, config.LARK_APP_SECRET),
    admins: new Set(config.ADMIN_OPEN_IDS),
    idleMs: config.CONSOLE_IDLE_MINUTES * 60_000,
    publicUrl: (config.CONSOLE_PUBLIC_URL ?? `http://localhost:${options.opsPort}`).replace(/\/+$/, ''),
    ...(config.CONSOLE_OAUTH && config.LARK_APP_ID && config.LARK_APP_SECRET
      ? {
          oauth: {
            appId: config.LARK_APP_ID,
            appSecret: config.LARK_APP_SECRET,
            apiBase: endpoints.apiBase,
            authorizeUrl: config.CONSOLE_AUTHORIZE_URL ?? endpoints.authorizeUrl,
          },
        }
      : {}),
    clock: systemClock,
    logger,
    manifest: () => runtime.manifest(),
    answers,
    // per call: the index may have been rebuilt since (INDEX_STORE=postgres has no in-process index to score against)
    ...(config.INDEX_STORE === 'file'
      ? { retrieve: (question: string, limit: number) => createRetriever(runtime.index(), embedder).retrieve(question, limit) }
      : {}),
    embed: (texts) => embedder.embed(texts, 'query'),
    knowledge: options.knowledge,
    docsDir: config.DOCS_DIR,
    maxUploadBytes: config.UPLOAD_MAX_MB * 1024 * 1024,
    ...(reminders
      ? {
          reminders: {
            service: reminders.service,
            timeZone: reminders.settings.timeZone,
            sendLog: async () => reminders.sendLog.read(),
          },
        }
      : {}),
  });
}
