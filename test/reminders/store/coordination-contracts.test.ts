// One contract per reminders coordination interface (LeaseLock, StateStore), run against the embedded
// implementation and the PostgreSQL one alike, on the machine's real PostgreSQL server (PGlite when there is
// none). Nothing is mocked.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryLeaseLock,
  createPostgresLeaseLock,
  createPostgresStateStore,
  createReminders,
  createPostgresSendLog,
  createStateStore,
  emptyState,
  importState,
  loadRemindersSettings,
  type LeaseLock,
  type RemindersState,
  type StateStore,
} from '../../../src/reminders/index.js';
import { frozenClock, systemClock } from '../../../src/clock/index.js';
import { sharedContractDatabase, type StorePair } from '../../support/store-contract.js';
import { sleep } from '../../support/sleep.js';

const database = sharedContractDatabase();

const leaseLocks: Array<StorePair<LeaseLock>> = [
  {
    name: 'embedded',
    make: () => {
      const lock = createMemoryLeaseLock(systemClock);
      return { first: lock, second: lock };
    },
  },
  { name: 'postgres', make: () => ({ first: createPostgresLeaseLock(database()), second: createPostgresLeaseLock(database()) }) },
];

describe.each(leaseLocks)('LeaseLock contract ($name)', ({ make }) => {
  it('is held by one holder at a time, renewable, and taken over with a higher fencing token after expiry', async () => {
    const { first, second } = make();
    const name = `lock-${Math.random()}`;
    const lease = await first.acquire(name, 'a', 300);
    expect(lease).toBeDefined();
    expect(await second.acquire(name, 'b', 300)).toBeUndefined();
    const again = await first.acquire(name, 'a', 300);
    expect(again?.token).toBe(lease?.token);
    expect(await first.renew(lease!, 300)).toBe(true);
    await sleep(400);
    const taken = await second.acquire(name, 'b', 300);
    expect(taken?.token).toBeGreaterThan(lease?.token ?? Infinity);
    expect(await first.renew(lease!, 300)).toBe(false);
    await first.release(lease!);
    expect(await first.acquire(name, 'a', 300)).toBeUndefined();
    await second.release(taken!);
    expect(await first.acquire(name, 'a', 300)).toBeDefined();
  });

  it('lets exactly one of many concurrent acquirers win', async () => {
    const { first, second } = make();
    const name = `lock-${Math.random()}`;
    const leases = await Promise.all(
      Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).acquire(name, `holder-${index}`, 5_000)),
    );
    expect(leases.filter(Boolean)).toHaveLength(1);
  });
});

const stateStores: Array<StorePair<StateStore>> = [
  {
    name: 'embedded',
    make: () => {
      // two processes on one DATA_DIR read and write the same file
      const file = join(mkdtempSync(join(tmpdir(), 'policy-bot-state-')), 'state.json');
      return { first: createStateStore(file), second: createStateStore(file) };
    },
  },
  {
    name: 'postgres',
    make: () => ({ first: createPostgresStateStore(database()), second: createPostgresStateStore(database()) }),
  },
];

describe.each(stateStores)('reminders StateStore contract ($name)', ({ name, make }) => {
  beforeEach(async () => {
    if (name === 'postgres') await database().query('DELETE FROM reminder_state');
  });

  it('starts empty; what one instance writes, the other reads', async () => {
    const { first, second } = make();
    expect(await first.read()).toEqual(emptyState());
    await first.update((state) => ({
      ...state,
      subscriptions: { oc_a: { status: 'subscribed', at: '2026-11-23T10:00:00.000Z', by: 'ou_admin' } },
    }));
    expect((await second.read()).subscriptions).toEqual({ oc_a: { status: 'subscribed', at: '2026-11-23T10:00:00.000Z', by: 'ou_admin' } });
  });

  it('loses no update when both instances change the state at once', async () => {
    const { first, second } = make();
    const bump = (state: RemindersState): RemindersState => ({ ...state, nextId: state.nextId + 1 });
    await Promise.all(Array.from({ length: 30 }, (_, index) => (index % 2 ? first : second).update(bump)));
    expect((await first.read()).nextId).toBe(31);
  });

  it('keeps the old state when a change throws or produces something invalid', async () => {
    const { first, second } = make();
    await first.update((state) => ({ ...state, nextId: 5 }));
    await expect(
      second.update(() => {
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    await expect(second.update((state) => ({ ...state, nextId: 0 }))).rejects.toThrow();
    expect((await first.read()).nextId).toBe(5);
  });
});

describe('reminders admin state shared by two instances (PostgreSQL)', () => {
  it("a /subscribe and /remind add on one instance are in the other one's next snapshot; ids never collide", async () => {
    await database().query('DELETE FROM reminder_state');
    const directory = mkdtempSync(join(tmpdir(), 'policy-bot-state-'));
    writeFileSync(join(directory, 'calendar.yaml'), 'version: 1\nentries: []\n');
    const settings = loadRemindersSettings({ DATA_DIR: directory, CALENDAR_FILE: join(directory, 'calendar.yaml') });
    const clock = frozenClock(Date.parse('2026-11-23T02:00:00Z'));
    const [one, two] = [0, 1].map(
      () =>
        createReminders({
          settings,
          clock,
          stores: { state: createPostgresStateStore(database()), sendLog: createPostgresSendLog(database()) },
        }).service,
    );
    await one!.subscribe('oc_a', 'ou_admin');
    expect((await two!.snapshot()).audience.subscribed).toEqual(['oc_a']);
    const added = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        (index % 2 ? one! : two!).add('oc_a', `2026-12-0${index + 1} 09:00 会议${index}`, 'ou_admin'),
      ),
    );
    expect(new Set(added.map((entry) => entry.id)).size).toBe(6);
    await two!.pause(added[0]!.id, 'ou_admin');
    expect((await one!.snapshot()).calendar.entries.find((entry) => entry.id === added[0]!.id)?.status).toBe('paused');
    expect(existsSync(join(directory, 'reminders', 'state.json'))).toBe(false);
  });

  it("imports an embedded bot's state.json once, never over a state the database() already has", async () => {
    await database().query('DELETE FROM reminder_state');
    const fromFile = {
      ...emptyState(),
      nextId: 4,
      subscriptions: { oc_old: { status: 'subscribed' as const, at: '2026-11-01T00:00:00.000Z' } },
    };
    expect(await importState(database(), fromFile)).toBe(true);
    expect(await importState(database(), emptyState())).toBe(false);
    expect(await createPostgresStateStore(database()).read()).toEqual(fromFile);
  });
});
