// Three reminder schedulers (three instances' worth) over one PostgreSQL schema and a simulated week
// with an injected clock: every instance ticks every minute, one holds the lease and sends, the shared
// send log is their memory. The leader dies in the middle of a send (its send hangs forever and it
// never ticks again); another one takes over after the lease expires. Every reminder reaches each
// chat exactly once: the same cards, in the same order, as one scheduler alone delivers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log/index.js';
import { createPostgresLeaseLock, createPostgresSendLog, createReminders, loadRemindersSettings, type Sender } from '../../src/reminders/index.js';
import { cardTitle, FakeSender, ManualClock } from '../reminders/support/fake-sender.js';
import { at, calendarYaml, planSource } from '../reminders/support/fixtures.js';
import { testDatabase } from '../support/postgres.js';

// every instance ticks once per step; a 5-minute step keeps the week at ~6,000 lease round trips
const STEP = 5 * 60_000;
const LEASE_MS = 400;
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

/**
 * A sender that stands for a process killed mid-send: the first send any instance makes from `dieAt`
 * on never returns (optionally after the platform took it), and that instance is dead from then on.
 */
class DyingSender implements Sender {
  died = false;
  constructor(
    private readonly platform: FakeSender,
    private readonly crash: { armed: boolean; dieAt: () => boolean },
    private readonly afterPlatform: boolean,
  ) {}
  async send(chatId: string, card: Parameters<Sender['send']>[1], uuid: string) {
    if (this.crash.armed && this.crash.dieAt()) {
      this.crash.armed = false;
      this.died = true;
    }
    if (this.died) {
      if (this.afterPlatform) await this.platform.send(chatId, card, uuid);
      return new Promise<never>(() => undefined);
    }
    return this.platform.send(chatId, card, uuid);
  }
}

function remindersIn(root: string, name: string, clock: ManualClock) {
  const calendarFile = join(root, 'calendar.yaml');
  writeFileSync(calendarFile, CALENDAR);
  const settings = loadRemindersSettings({ DATA_DIR: join(root, name), CALENDAR_FILE: calendarFile, REMINDER_GROUPS: GROUPS });
  return createReminders({ settings, clock, logger: silentLogger });
}

/** What each chat received, in order (times left out: the cards the leader died on arrive a minute late). */
const deliveries = (sender: FakeSender): string[] => sender.delivered.map((message) => `${message.chatId} ${cardTitle(message.card)}`);

/** One scheduler alone, no crash: the reference. */
async function reference(root: string): Promise<string[]> {
  const clock = new ManualClock(START);
  const sender = new FakeSender(clock);
  const scheduler = remindersIn(root, 'reference', clock).scheduler(sender);
  while (clock.now() < END) {
    clock.advance(STEP);
    await scheduler.tick();
  }
  await scheduler.stop();
  return deliveries(sender);
}

const drops: Array<() => Promise<void>> = [];

afterAll(async () => {
  for (const drop of drops) await drop();
});

describe.each([
  { crash: 'before the platform got the send', afterPlatform: false },
  { crash: 'after the platform took the send, before it was confirmed', afterPlatform: true },
])('three schedulers on one PostgreSQL, the leader killed $crash', ({ afterPlatform }) => {
  it('sends every reminder to each chat exactly once, as one scheduler alone would', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-schedulers-'));
    const expected = await reference(root);
    expect(expected.length).toBeGreaterThan(10);

    // a schema of its own: the shared send log is the whole memory of the cluster
    const { database, drop } = await testDatabase();
    drops.push(drop);
    const clock = new ManualClock(START);
    const platform = new FakeSender(clock);
    const leases = createPostgresLeaseLock(database);
    const sendLog = createPostgresSendLog(database);
    const name = `reminders-${Math.random()}`;
    // whoever leads dies at its first send on the morning of 12-01
    const crash = { armed: true, dieAt: (): boolean => clock.now() >= at('2026-12-01 08:59') };
    const instances = [0, 1, 2].map((index) => {
      const sender = new DyingSender(platform, crash, afterPlatform);
      const scheduler = remindersIn(root, `instance-${index}`, clock).scheduler(sender, {
        lease: { lock: leases, name, holder: `instance-${index}`, ttlMs: LEASE_MS },
        sendLog,
      });
      return { index, scheduler, sender, alive: true };
    });
    const senders = new Set<number>();
    let takeoverWait = false;
    while (clock.now() < END) {
      clock.advance(STEP);
      for (const instance of instances) {
        if (!instance.alive) continue;
        const tick = instance.scheduler.tick();
        // a hung tick is a dead process: stop ticking it, and give its lease real time to run out
        const report = await Promise.race([tick, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 200))]);
        if (report === 'hung' || instance.sender.died) {
          instance.alive = false;
          takeoverWait = true;
          continue;
        }
        if (!report.standby && report.sent > 0 && !crash.armed) senders.add(instance.index);
      }
      if (takeoverWait) {
        takeoverWait = false;
        await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 100));
      }
    }
    for (const instance of instances.filter((candidate) => candidate.alive)) await instance.scheduler.stop();

    const dead = instances.filter((instance) => !instance.alive).map((instance) => instance.index);
    expect(dead).toHaveLength(1);
    // after the crash, someone else sent
    expect([...senders].filter((index) => index !== dead[0]).length).toBeGreaterThan(0);
    expect(deliveries(platform)).toEqual(expected);
    const uuids = platform.delivered.map((message) => message.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    // the send the leader died in was made again by its successor with the same uuid
    expect(platform.calls.filter((call) => call.result === 'deduplicated')).toHaveLength(afterPlatform ? 1 : 0);
  }, 180_000);
});
