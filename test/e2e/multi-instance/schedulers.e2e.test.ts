// Three bot instances' reminder schedulers, each in a process of its own (wired as `src/main.ts` wires
// them with STORE=postgres), over one PostgreSQL schema and the loopback fake Feishu platform (real
// SDK), through a simulated week whose clock the test drives. Admins edit subscriptions and reminders
// on different instances. In the middle of the week the instance holding the scheduler lease is
// killed with SIGKILL inside a send; another one takes over once the lease runs out. Every reminder
// reaches each chat exactly once: the same cards, in the same order, as one embedded scheduler alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/index.js';
import {
  fileReminderStores,
  createReminders,
  loadRemindersSettings,
  type CardJson,
  type Reminders,
  type TickReport,
} from '../../../src/reminders/index.js';
import { FakeFeishu, webhookEnvironment, type FakeMessage, type SendFate } from '../../support/fake-feishu/index.js';
import { hasServer, testDatabase } from '../../support/postgres.js';
import { SECRETS } from '../../support/lark-harness.js';
import { cardTitle, FakeSender, ManualClock } from '../../reminders/support/fake-sender.js';
import { at, calendarYaml, planSource } from '../../reminders/support/fixtures.js';
import { forkInstance, type Instance as ProcessInstance } from './support/instance-ipc.js';

// every instance ticks once a step (all reminder times below fall on quarter hours)
const STEP = 15 * 60_000;
const LEASE_MS = 1_500;
const CALENDAR = calendarYaml(`  - id: roadshow-series
    title: 青创路演季
    kind: activity
    when: 2026-12-01..2026-12-20
    chats: [staff, ops]
${planSource('原文')}
  - id: apply-deadline
    title: 青创项目申报截止
    kind: deadline
    when: 2026-12-03
    remind: [3d, 1d, 0d]
    chats: [staff]
${planSource('原文')}
  - id: demo-day
    title: 创投对接会
    kind: activity
    when: "2026-12-02 14:00"
    remind: [1d, 2h, 30m]
    chats: [staff, ops, hall]
${planSource('原文')}
  - id: training
    title: 创业培训班
    kind: activity
    when: "2026-12-04 09:30"
    remind: [2d, 1h]
    chats: [ops, hall]
${planSource('原文')}
`);
const GROUPS = 'staff=oc_staff,ops=oc_ops,hall=oc_hall';
const START = at('2026-11-29 20:00');
const END = at('2026-12-06 23:59');
const CRASH_FROM = at('2026-12-01 08:59');

type AdminOp = { at: number; instance: number; op: 'subscribe' | 'unsubscribe' | 'pause' | 'resume' | 'add'; args: string[] };
/** Chat commands, each on a different instance than the one before (the reference runs them all on its one). */
const ADMIN: AdminOp[] = [
  { at: START, instance: 0, op: 'subscribe', args: ['oc_sub_a'] },
  { at: START, instance: 1, op: 'subscribe', args: ['oc_sub_b'] },
  { at: at('2026-11-30 07:00'), instance: 2, op: 'unsubscribe', args: ['oc_sub_b'] },
  { at: at('2026-11-30 12:00'), instance: 0, op: 'pause', args: ['training'] },
  { at: at('2026-12-01 12:00'), instance: 1, op: 'add', args: ['oc_staff', '2026-12-05 10:00 周末值班交接'] },
  { at: at('2026-12-02 00:00'), instance: 2, op: 'resume', args: ['training'] },
];

function writeCalendar(root: string): string {
  const calendarFile = join(root, 'calendar.yaml');
  writeFileSync(calendarFile, CALENDAR);
  return calendarFile;
}

/** One embedded scheduler alone, no crash, the same admin commands: the reference. */
async function reference(root: string): Promise<string[]> {
  const clock = new ManualClock(START);
  const sender = new FakeSender(clock);
  const settings = loadRemindersSettings({
    DATA_DIR: join(root, 'reference'),
    CALENDAR_FILE: writeCalendar(root),
    REMINDER_GROUPS: GROUPS,
  });
  const reminders: Reminders = createReminders({ settings, clock, logger: silentLogger, stores: fileReminderStores(settings.directory) });
  const scheduler = reminders.scheduler(sender);
  for (let now = START; now < END; now += STEP) {
    clock.set(now);
    for (const edit of ADMIN.filter((candidate) => candidate.at === now)) {
      const [first = '', second = ''] = edit.args;
      await (edit.op === 'add' ? reminders.service.add(first, second, 'ou_admin') : reminders.service[edit.op](first, 'ou_admin'));
    }
    await scheduler.tick();
  }
  await scheduler.stop();
  return sender.delivered.map((message) => `${message.chatId} ${cardTitle(message.card)}`);
}

type Instance = ProcessInstance<{ report?: TickReport; error?: string }>;

const startInstance = (index: number, environment: Record<string, string>): Promise<Instance> =>
  forkInstance('scheduler-instance.ts', index, environment);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const posted = (fake: FakeFeishu): FakeMessage[] => fake.posted();

// several processes on one database: needs the server (skipped without it, see test/support/pg-global-setup.ts)
describe.skipIf(!hasServer()).each<{ crash: string; fate: SendFate }>([
  { crash: 'before the platform got the send', fate: 'drop' },
  { crash: 'after the platform took the send, before the answer reached it', fate: 'store-then-drop' },
])('three scheduler processes on one PostgreSQL, the lease holder killed -9 $crash', ({ fate }) => {
  it('sends every reminder to each chat exactly once, as one scheduler alone would', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-schedulers-'));
    const expected = await reference(root);
    expect(expected.length).toBeGreaterThan(15);
    expect(expected.some((line) => line.includes('周末值班交接'))).toBe(true);

    const { database, schema, drop } = await testDatabase();
    const fake = await FakeFeishu.start();
    cleanups.push(async () => {
      await fake.close();
      await drop();
    });
    const environment = {
      ...webhookEnvironment(fake, SECRETS),
      STORE: 'postgres',
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      DATABASE_SCHEMA: schema,
      CALENDAR_FILE: writeCalendar(root),
      REMINDER_GROUPS: GROUPS,
      SIMULATED_NOW: String(START),
      SCHEDULER_LEASE_MS: String(LEASE_MS),
    };
    const instances = await Promise.all(
      [0, 1, 2].map((index) => startInstance(index, { ...environment, DATA_DIR: join(root, `data-${index}`) })),
    );
    cleanups.unshift(async () => {
      for (const instance of instances.filter((candidate) => candidate.alive)) {
        instance.child.disconnect();
        await instance.exited;
      }
    });

    // the first send from CRASH_FROM on: kill the lease holder's process while the platform holds its request
    let now = START;
    let killed: number | undefined;
    fake.sendGate = async () => {
      if (killed !== undefined || now < CRASH_FROM) return 'handle';
      const holder = await database.query<{ holder: string }>("SELECT holder FROM leases WHERE name = 'reminders-scheduler'");
      const pid = Number(holder.rows[0]?.holder.split(':').pop());
      const victim = instances.findIndex((instance) => instance.child.pid === pid);
      killed = victim;
      instances[victim]?.child.kill('SIGKILL');
      await instances[victim]?.exited;
      return fate;
    };

    const sendersAfterCrash = new Set<number>();
    let waited = false;
    for (; now < END; now += STEP) {
      for (const edit of ADMIN.filter((candidate) => candidate.at === now)) {
        // the instance named, or the next one when that one was killed
        const live = [0, 1, 2].map((offset) => instances[(edit.instance + offset) % 3]!).find((instance) => instance.alive);
        const answer = await live!.request({ type: 'admin', now, op: edit.op, args: edit.args });
        expect(answer).toMatchObject({ result: expect.anything() });
      }
      const reports = await Promise.all(instances.map((instance) => instance.request({ type: 'tick', now })));
      reports.forEach((report, index) => {
        if (report !== 'dead' && killed !== undefined && (report.report?.sent ?? 0) > 0) sendersAfterCrash.add(index);
      });
      // the dead holder's lease has to run out (real time) before another instance can send
      if (killed !== undefined && !waited) {
        waited = true;
        await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
      }
    }

    expect(killed).toBeDefined();
    expect(instances.filter((instance) => !instance.alive)).toHaveLength(1);
    expect([...sendersAfterCrash].filter((index) => index !== killed).length).toBeGreaterThan(0);
    expect(posted(fake).map((message) => `${message.chatId} ${cardTitle(message.content as CardJson)}`)).toEqual(expected);
    const uuids = posted(fake).map((message) => message.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    // the send the holder died in: made again by its successor with the same uuid, which the platform
    // turned into the message it already had (stored case), or sent for the first time (dropped case)
    const accepted = fake.calls.filter(
      (call) => call.method === 'POST' && call.path === '/open-apis/im/v1/messages' && call.status === 200,
    );
    expect(accepted.length - posted(fake).length).toBe(fate === 'store-then-drop' ? 1 : 0);
  }, 180_000);
});
