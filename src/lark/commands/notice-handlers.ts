import type { KnowledgeAdmin } from '../../admin/index.js';
import type { Manifest } from '../../index/index.js';
import type { Logger } from '../../log/index.js';
import { matchDocumentsOf, type MatchDocument } from '../../match/index.js';
import type { NoticesService } from '../../notices/index.js';
import type { Clock } from '../../clock/index.js';
import type { OpenPlatform } from '../outbound/open-platform.js';
import type { AuditLog } from '../store/audit-log.js';
import type { TaskSet } from '../answering/task-set.js';
import type { RecordAdminAction } from './admin-audit.js';
import type { IsAdmin } from './admin-policy.js';
import type { CardActionHandlers } from '../inbound/card-actions.js';
import type { Command } from './route-commands.js';
import { expiryActionHandlers } from './expiry-actions.js';
import { withPolicySubscriptions } from './policy-commands.js';

/** The notices' part of the bot: `/subscribe policies` and the expiry card's buttons. */
interface NoticeHandlers {
  commands(commands: Command[]): Command[];
  cardActions: CardActionHandlers;
}

/** The served documents; undefined while no index is loaded. */
function servedDocuments(manifest: () => Manifest): MatchDocument[] | undefined {
  try {
    return matchDocumentsOf(manifest());
  } catch {
    return undefined;
  }
}

/** Wires the notices' commands and card actions from what the bot already has. */
export function noticeHandlers(deps: {
  notices: NoticesService;
  knowledge?: KnowledgeAdmin | undefined;
  manifest: () => Manifest;
  isAdmin: IsAdmin;
  audit: AuditLog;
  recordAdminAction: RecordAdminAction;
  platform: Pick<OpenPlatform, 'patchCard'>;
  tasks: Pick<TaskSet, 'run'>;
  clock: Clock;
  logger: Logger;
}): NoticeHandlers {
  const documents = (): MatchDocument[] => servedDocuments(deps.manifest) ?? [];
  return {
    commands: (commands) =>
      withPolicySubscriptions(commands, {
        notices: deps.notices,
        isAdmin: deps.isAdmin,
        logger: deps.logger,
        audit: deps.recordAdminAction,
        known: () => servedDocuments(deps.manifest)?.map((document) => document.source),
      }),
    cardActions: expiryActionHandlers({
      notices: deps.notices,
      knowledge: deps.knowledge,
      documents,
      isAdmin: deps.isAdmin,
      audit: deps.audit,
      clock: deps.clock,
      logger: deps.logger,
      update: (messageId, card) => deps.platform.patchCard(messageId, card),
      background: (work) => deps.tasks.run(work),
    }),
  };
}
