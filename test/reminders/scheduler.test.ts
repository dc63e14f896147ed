import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemindersError, SendError, type Sender } from '../../src/reminders/index.js';
import { cardText, FakeSender, ManualClock } from './support/fake-sender.js';
import { at, calendar, entry, temporaryDirectory } from './support/fixtures.js';
import { crashingLog, logRecords, scheduler, sendLogFile, SimulatedCrash } from './support/scheduler-harness.js';

const MINUTE = 60_000;
const deadline = calendar(entry({ id: 'ddl', title: '申报截止', kind: 'deadline', when: '2026-12-10', remind: '[0d]', lead: '区科技局' }));

let directory: { path: string; remove: () => void };
let clock: ManualClock;
let sender: FakeSender;
const parts = () => ({ calendar: () => deadline, sender, clock });

beforeEach(() => {
  directory = temporaryDirectory();
  clock = new ManualClock(at('2026-12-10 09:00'));
  sender = new FakeSender(clock);
});
afterEach(() => directory.remove());

describe('restart idempotency', () => {
  it('a restart never sends twice', async () => {
    const first = scheduler(directory.path, parts());
    expect(await first.tick()).toMatchObject({ sent: 1, failed: 0 });
    await first.stop();
    clock.advance(MINUTE);
    const second = scheduler(directory.path, parts());
    expect(await second.tick()).toMatchObject({ sent: 0, failed: 0, skipped: 0 });
    await second.stop();
    expect(sender.calls).toHaveLength(1);
    expect(logRecords(directory.path).map((record) => record.type)).toEqual(['attempt', 'sent']);
  });

  it('crash after the send and before the log write: resent with the same uuid, the platform refuses the duplicate (at-least-once, delivered once)', async () => {
    const dying = scheduler(directory.path, parts(), {
      sendLog: crashingLog(sendLogFile(directory.path), (record) => (record.type === 'sent' ? 'before' : undefined)),
    });
    await expect(dying.tick()).rejects.toBeInstanceOf(SimulatedCrash);
    await dying.stop(); // only releases the lock: what a dead process leaves behind is the log on disk
    expect(sender.delivered).toHaveLength(1);
    expect(logRecords(directory.path).map((record) => record.type)).toEqual(['attempt']);

    clock.advance(MINUTE);
    const restarted = scheduler(directory.path, parts());
    expect(await restarted.tick()).toMatchObject({ sent: 1 });
    await restarted.stop();
    expect(sender.calls.map((call) => call.result)).toEqual(['delivered', 'deduplicated']);
    expect(sender.calls[0]?.uuid).toBe(sender.calls[1]?.uuid);
    expect(sender.in('oc_a')).toHaveLength(1);
    expect(logRecords(directory.path).map((record) => record.type)).toEqual(['attempt', 'attempt', 'sent']);
  });

  it('crash before the send (attempt on disk, platform never called): the restart sends it once', async () => {
    const dying = scheduler(directory.path, parts(), {
      sendLog: crashingLog(sendLogFile(directory.path), (record) => (record.type === 'attempt' ? 'after' : undefined)),
    });
    await expect(dying.tick()).rejects.toBeInstanceOf(SimulatedCrash);
    await dying.stop();
    expect(sender.calls).toHaveLength(0);

    clock.advance(MINUTE);
    const restarted = scheduler(directory.path, parts());
    expect(await restarted.tick()).toMatchObject({ sent: 1 });
    await restarted.stop();
    expect(sender.calls.map((call) => call.result)).toEqual(['delivered']);
    expect(sender.in('oc_a')).toHaveLength(1);
  });

  it('documented limit: a restart more than an hour after such a crash (past the platform uuid window) posts a second copy', async () => {
    const dying = scheduler(directory.path, parts(), {
      sendLog: crashingLog(sendLogFile(directory.path), (record) => (record.type === 'sent' ? 'before' : undefined)),
    });
    await expect(dying.tick()).rejects.toBeInstanceOf(SimulatedCrash);
    await dying.stop();
    clock.advance(61 * MINUTE);
    const restarted = scheduler(directory.path, parts());
    await restarted.tick();
    await restarted.stop();
    expect(sender.in('oc_a')).toHaveLength(2);
  });
});

describe('send failures', () => {
  it('a failed send is retried and is not marked sent until it succeeds', async () => {
    const running = scheduler(directory.path, parts());
    sender.failNext(1, new SendError('server-error', 'HTTP 500'));
    sender.failNext(1, 'throw');
    expect(await running.tick()).toMatchObject({ sent: 0, failed: 1 });
    expect(logRecords(directory.path).map((record) => record.type)).toEqual(['attempt', 'failed']);
    clock.advance(MINUTE);
    expect(await running.tick()).toMatchObject({ sent: 0, failed: 1 });
    clock.advance(MINUTE);
    expect(await running.tick()).toMatchObject({ sent: 0, failed: 0 }); // backoff: 2 minutes after the second failure
    clock.advance(MINUTE);
    expect(await running.tick()).toMatchObject({ sent: 1 });
    clock.advance(MINUTE);
    expect(await running.tick()).toMatchObject({ sent: 0, failed: 0 });
    await running.stop();
    expect(sender.calls.map((call) => call.result)).toEqual(['failed', 'failed', 'delivered']);
    expect(new Set(sender.calls.map((call) => call.uuid)).size).toBe(1);
    expect(logRecords(directory.path).filter((record) => record.type === 'sent')).toHaveLength(1);
  });

  it('a chat that keeps refusing (not retryable) is given up after three tries and reported', async () => {
    const running = scheduler(directory.path, parts());
    sender.failNext(3, new SendError('chat-unavailable', 'bot is not in the chat', { platformCode: 230002 }));
    for (let minute = 0; minute < 10; minute += 1) {
      await running.tick();
      clock.advance(MINUTE);
    }
    await running.stop();
    expect(sender.calls).toHaveLength(3);
    expect(logRecords(directory.path).at(-1)).toMatchObject({ type: 'skipped', reason: 'rejected' });
  });
});

describe('catch-up across downtime', () => {
  it('down from 08:00 to 14:30: the 09:00 reminder goes out late, with a note', async () => {
    clock.set(at('2026-12-10 08:00'));
    const before = scheduler(directory.path, parts());
    await before.tick();
    await before.stop();
    clock.set(at('2026-12-10 14:30'));
    const after = scheduler(directory.path, parts());
    expect(await after.tick()).toMatchObject({ sent: 1 });
    await after.stop();
    expect(cardText(sender.delivered[0]?.card ?? {})).toContain(
      '补发：这条提醒原定 2026年12月10日（周四）09:00 发送，因机器人离线或发送失败而延后',
    );
  });

  it('down from 08:00 to 15:30: the reminder is logged once as skipped and never sent', async () => {
    clock.set(at('2026-12-10 08:00'));
    const before = scheduler(directory.path, parts());
    await before.tick();
    await before.stop();
    clock.set(at('2026-12-10 15:30'));
    const after = scheduler(directory.path, parts());
    expect(await after.tick()).toMatchObject({ sent: 0, skipped: 1 });
    clock.advance(MINUTE);
    expect(await after.tick()).toMatchObject({ sent: 0, skipped: 0 });
    await after.stop();
    expect(sender.calls).toEqual([]);
    expect(logRecords(directory.path)).toEqual([expect.objectContaining({ type: 'skipped', reason: 'missed' })]);
  });
});

describe('one sender per data directory', () => {
  it('a second scheduler on the same directory refuses to send while the first holds the lock', async () => {
    const first = scheduler(directory.path, parts());
    const second = scheduler(directory.path, parts()); // created before the first one sends anything
    await first.tick();
    await expect(second.tick()).rejects.toMatchObject({ code: 'locked' });
    expect(() => second.start()).toThrow(RemindersError);
    await first.stop();
    clock.advance(MINUTE);
    await expect(second.tick()).resolves.toMatchObject({ sent: 0 }); // it read the log when it took the lock
    await second.stop();
    expect(sender.calls).toHaveLength(1);
  });

  it('start() ticks every minute in the configured zone through node-cron (fake starter here)', async () => {
    const started: Array<{ expression: string; timezone: string; job: () => Promise<void> }> = [];
    let stopped = false;
    const running = scheduler(directory.path, parts(), {
      cron: (expression, job, options) => {
        started.push({ expression, timezone: options.timezone, job });
        return { stop: () => void (stopped = true) };
      },
    });
    running.start();
    expect(started).toEqual([expect.objectContaining({ expression: '* * * * *', timezone: 'Asia/Shanghai' })]);
    await started[0]?.job();
    expect(sender.calls).toHaveLength(1);
    await running.stop();
    expect(stopped).toBe(true);
  });

  it('the default starter is a real node-cron task that stops cleanly', async () => {
    const running = scheduler(directory.path, parts());
    running.start();
    await running.stop();
    expect(sender.calls).toEqual([]);
  });
});

describe('stopping', () => {
  it('waits for a tick in flight: its send is confirmed in the log before the lock and the log are closed', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Sender = {
      send: async (...args) => {
        await gate;
        return sender.send(...args);
      },
    };
    const running = scheduler(directory.path, { ...parts(), sender: slow });
    const tick = running.tick();
    let stopped = false;
    const stopping = running.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await tick).toMatchObject({ sent: 1 });
    expect(logRecords(directory.path).map((record) => record.type)).toEqual(['attempt', 'sent']);
  });
});
