// One bot instance's reminders in a process of its own, wired as `src/main.ts` wires them with
// STORE=postgres (the app's storage: shared admin state, scheduler lease, fenced send log; the Feishu
// sender over the real SDK), except that the test drives the clock and the ticks over IPC instead of
// the system clock and node-cron. Messages: {type:'tick', now} → {type:'tick', report};
// {type:'admin', now, op, args} → {type:'admin', result | error}.
import { serveRequests } from './instance-ipc.js';
import { createStorage } from '../../../../src/app/index.js';
import { systemClock } from '../../../../src/clock/index.js';
import { loadConfig } from '../../../../src/config/index.js';
import { larkSettings, standaloneReminderSender } from '../../../../src/lark/index.js';
import { silentLogger } from '../../../../src/log/index.js';
import { createReminders, toRemindersSettings, type RemindersService } from '../../../../src/reminders/index.js';

type Request = { id: number; now: number } & (
  { type: 'tick' } | { type: 'admin'; op: 'subscribe' | 'unsubscribe' | 'pause' | 'resume' | 'add'; args: string[] }
);

const config = loadConfig();
const settings = larkSettings(config);
if (!settings) throw new Error('LARK_APP_ID and LARK_APP_SECRET are needed');
let now = Number(process.env.SIMULATED_NOW);
const clock = { ...systemClock, now: () => now };
const storage = createStorage(config, silentLogger, {
  leaseMs: Number(process.env.SCHEDULER_LEASE_MS),
  instance: `${process.env.INSTANCE_NAME}:${process.pid}`,
});
const reminders = createReminders({
  settings: toRemindersSettings(config, config.DATA_DIR),
  stores: await storage.reminderStores(),
  clock,
  logger: silentLogger,
});
const scheduler = reminders.scheduler(standaloneReminderSender(settings, silentLogger), { cron: () => ({ stop: () => undefined }) });
scheduler.start();

const admin = (service: RemindersService, op: Extract<Request, { type: 'admin' }>['op'], args: string[]): Promise<unknown> => {
  const [first = '', second = ''] = args;
  if (op === 'add') return service.add(first, second, 'ou_admin');
  return service[op](first, 'ou_admin');
};

serveRequests<Request>(
  (message) => {
    now = message.now;
    return message.type === 'tick'
      ? scheduler.tick().then((report) => ({ report }))
      : admin(reminders.service, message.op, message.args).then((result) => ({ result }));
  },
  () => scheduler.stop().then(() => storage.close()),
);
