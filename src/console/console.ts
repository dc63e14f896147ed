import type { IssueConsoleLink } from '../lark/index.js';
import { friendlyMessage } from '../lark/index.js';
import type { OpsRoutes } from '../ops/index.js';
import { auditPage } from './audit-page.js';
import { consoleRoutes } from './console-app.js';
import type { ConsoleRuntime, ConsoleSetup } from './console-deps.js';
import { createDocumentFacts } from './document-meta.js';
import { documentPage } from './document-page.js';
import { documentRoutes, documentsPage } from './documents-page.js';
import { gapsPage } from './gaps-page.js';
import { inspectorPage } from './inspector-page.js';
import { createJobs } from './jobs.js';
import { issueLinkToken, LINK_TTL_MS } from './login-links.js';
import { overviewPage } from './overview-page.js';
import { deleteChatRoute, questionsCsvRoute, questionsPage } from './questions-page.js';
import { reminderToggle, remindersPage } from './reminders-page.js';
import type { RouteTable } from './route-context.js';

/** The console: the bot's `/console` link issuer now, its HTTP routes once the bot runs. */
export interface AdminConsole {
  /** For the bot's `/console` command: a one-time link for a listed admin, else undefined. */
  issueLink: IssueConsoleLink;
  /** The routes under /console, mounted beside /healthz and /metrics. */
  routes(runtime: ConsoleRuntime): OpsRoutes;
  /** Ends open progress streams, so the server can close (call before stopping the bot). */
  close(): void;
}

/** Wires the pages; nothing listens until `routes` is mounted on the ops server. */
export function createConsole(setup: ConsoleSetup): AdminConsole {
  const jobs = createJobs(() => setup.clock.now(), friendlyMessage);
  const pages: RouteTable = {
    'GET /console/': overviewPage,
    'GET /console/questions': questionsPage,
    'GET /console/questions.csv': questionsCsvRoute,
    'POST /console/chats/delete': deleteChatRoute,
    'GET /console/gaps': gapsPage,
    'GET /console/inspect': inspectorPage,
    'GET /console/documents': documentsPage(createDocumentFacts(setup.docsDir), jobs),
    'GET /console/document': documentPage,
    ...documentRoutes(jobs),
    'GET /console/reminders': remindersPage,
    'POST /console/reminders/pause': reminderToggle('pause'),
    'POST /console/reminders/resume': reminderToggle('resume'),
    'GET /console/audit': auditPage,
  };
  return {
    issueLink: async (openId) => {
      if (!setup.admins.has(openId)) return undefined;
      const token = issueLinkToken(setup.secret, openId, setup.clock.now());
      return { url: `${setup.publicUrl}/console/login/link?token=${token}`, minutes: LINK_TTL_MS / 60_000 };
    },
    routes: (runtime) => consoleRoutes({ ...setup, ...runtime }, pages),
    close: () => jobs.closeAll(),
  };
}
