// One bot instance's notices in a process of its own, wired as `src/main.ts` wires them with
// STORE=postgres (createApp's storage: shared notices state, the notices' lease and fenced send log; the
// Feishu sender over the real SDK), except that the test drives the clock and the ticks over IPC and
// the served documents come from the JSON file DOCUMENTS_FILE (what the index serves at that moment).
// Messages: {type:'tick', now} → {report}; {type:'subscribe', now, chat, by} → {result}.
import { serveRequests } from './instance-ipc.js';
import { readFileSync } from 'node:fs';
import { createApp } from '../../../../src/app/index.js';
import { systemClock } from '../../../../src/lark/index.js';
import { loadConfig } from '../../../../src/config/index.js';
import { larkSettings, standaloneReminderSender } from '../../../../src/lark/index.js';
import { silentLogger } from '../../../../src/log/index.js';
import { z } from 'zod';
import { documentFactsSchema, documentMeasuresSchema } from '../../../../src/ingest/index.js';
import type { MatchDocument } from '../../../../src/match/index.js';
import { createNotices, toNoticesSettings } from '../../../../src/notices/index.js';

type Request = { id: number; now: number } & ({ type: 'tick' } | { type: 'subscribe'; chat: string; by: string });

const config = loadConfig();
const settings = larkSettings(config);
if (!settings) throw new Error('LARK_APP_ID and LARK_APP_SECRET are needed');
let now = Number(process.env.SIMULATED_NOW);
const clock = { ...systemClock, now: () => now };
const documentsFile = process.env.DOCUMENTS_FILE ?? '';
const documentsSchema = z.array(
  z.object({ source: z.string(), title: z.string(), facts: documentFactsSchema.optional(), measures: documentMeasuresSchema }),
);
const documents = (): MatchDocument[] =>
  documentsSchema
    .parse(JSON.parse(readFileSync(documentsFile, 'utf8')))
    .map(({ facts, ...rest }) => ({ ...rest, ...(facts ? { facts } : {}) }));
const app = createApp(config, {
  logger: silentLogger,
  clock: { ...systemClock, now: clock.now },
  schedulerLeaseMs: Number(process.env.SCHEDULER_LEASE_MS),
  instance: `${process.env.INSTANCE_NAME}:${process.pid}`,
});
const notices = createNotices({
  settings: toNoticesSettings(config, config.DATA_DIR),
  stores: await app.storage.noticeStores(),
  clock,
  logger: silentLogger,
});
const scheduler = notices.scheduler(
  {
    sender: standaloneReminderSender(settings, silentLogger),
    documents,
    questions: async () => new Map(),
    adminChats: [...settings.adminChats],
  },
  { cron: () => ({ stop: () => undefined }) },
);
scheduler.start();

serveRequests<Request>(
  (message) => {
    now = message.now;
    return message.type === 'tick'
      ? scheduler.tick().then((report) => ({ report }))
      : notices.service
          .subscribe(
            message.chat,
            message.by,
            documents().map((document) => document.source),
          )
          .then((result) => ({ result }));
  },
  () => scheduler.stop().then(() => app.close()),
);
