import type { LarkChannel } from '@larksuiteoapi/node-sdk';
import type { KnowledgeAdmin } from '../../admin/index.js';
import type { Logger } from '../../log/index.js';
import { matchDocumentsOf, type ProfileStore } from '../../match/index.js';
import type { NoticesService } from '../../notices/index.js';
import type { RemindersService } from '../../reminders/index.js';
import type { TaskSet } from '../answering/task-set.js';
import type { CardActionHandlers } from '../inbound/card-actions.js';
import type { OpenPlatform } from '../outbound/open-platform.js';
import type { AuditLog } from '../store/audit-log.js';
import type { Clock } from '../../clock/index.js';
import type { Middleware } from '../inbound/middleware.js';
import { messageFileDownloader } from '../outbound/message-file.js';
import type { LarkSettings } from '../settings.js';
import type { RecordAdminAction } from './admin-audit.js';
import type { IsAdmin } from './admin-policy.js';
import { createCommands, type BotStatus } from './command-list.js';
import { consoleCommand, type IssueConsoleLink } from './console-command.js';
import { acceptUploads, type DocumentAdminDeps } from './document-commands.js';
import { matchCardActions, matchCommand } from './match-commands.js';
import { noticeHandlers } from './notice-handlers.js';
import type { Command } from './route-commands.js';

/** How long a document upload may take to download. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

/** The bot's commands, and the upload handler when document administration is on. */
interface BotCommands {
  commands: Command[];
  /** Takes document uploads from admins (before any other handling of a file message). */
  uploads?: Middleware | undefined;
  /** The card buttons of these commands (`/match`'s form and 详细, the expiry card's 移除/仍然有效). */
  cardActions: CardActionHandlers;
}

/** Every command the bot answers, by what is configured: reminders, document administration, `/console`. */
export function createBotCommands(deps: {
  settings: LarkSettings;
  channel: LarkChannel;
  status: BotStatus;
  isAdmin: IsAdmin;
  audit: RecordAdminAction;
  clock: Clock;
  logger: Logger;
  reminders?: RemindersService;
  knowledge?: KnowledgeAdmin | undefined;
  progressIntervalMs?: number;
  consoleLink?: IssueConsoleLink;
  notices?: NoticesService;
  profiles: ProfileStore;
  auditLog: AuditLog;
  platform: Pick<OpenPlatform, 'patchCard'>;
  tasks: Pick<TaskSet, 'run'>;
}): BotCommands {
  const { isAdmin, audit, clock, logger } = deps;
  const documents = deps.knowledge ? documentAdmin({ ...deps, admin: deps.knowledge }) : undefined;
  const base = createCommands({
    status: deps.status,
    isAdmin,
    clock,
    logger,
    audit,
    reminders: deps.reminders,
    documents,
  });
  const manifest = (): ReturnType<BotStatus['manifest']> => deps.status.manifest();
  const notices = deps.notices
    ? noticeHandlers({
        notices: deps.notices,
        manifest,
        isAdmin,
        audit: deps.auditLog,
        recordAdminAction: audit,
        platform: deps.platform,
        tasks: deps.tasks,
        clock,
        logger,
        knowledge: deps.knowledge,
      })
    : undefined;
  const commands = notices ? notices.commands(base) : base;
  // `/match` (政策匹配): profiles in DATA_DIR, or shared on PostgreSQL (STORE=postgres)
  const matching = { documents: () => matchDocumentsOf(manifest()), profiles: deps.profiles, clock, logger };
  commands.push(matchCommand(matching));
  // `/console` (控制台) only when the admin console is on
  if (deps.consoleLink) commands.push(consoleCommand({ issue: deps.consoleLink, isAdmin, logger, audit }));
  return {
    commands,
    cardActions: { ...matchCardActions(matching), ...notices?.cardActions },
    uploads: documents ? acceptUploads(documents) : undefined,
  };
}

/** Uploads, `/docs` and `/reindex` from chat, over the knowledge admin. */
function documentAdmin(deps: {
  admin: KnowledgeAdmin;
  settings: LarkSettings;
  channel: LarkChannel;
  status: BotStatus;
  isAdmin: IsAdmin;
  audit: RecordAdminAction;
  clock: Clock;
  logger: Logger;
  progressIntervalMs?: number;
}): DocumentAdminDeps {
  return {
    admin: deps.admin,
    isAdmin: deps.isAdmin,
    manifest: () => {
      try {
        return deps.status.manifest();
      } catch {
        return undefined;
      }
    },
    download: messageFileDownloader(deps.channel.rawClient, DOWNLOAD_TIMEOUT_MS),
    maxUploadBytes: deps.settings.uploadMaxBytes,
    clock: deps.clock,
    logger: deps.logger,
    audit: deps.audit,
    progressIntervalMs: deps.progressIntervalMs,
  };
}
