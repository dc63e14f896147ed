// One contract per storage interface, run against the embedded (in-process) implementation and the
// PostgreSQL one alike, on the machine's real PostgreSQL server. Nothing is mocked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDedupeStore, createPostgresDedupeStore, type DedupeStore } from '../../src/lark/store/dedupe-store.js';
import { createMemoryLeaseLock, createPostgresLeaseLock, type LeaseLock } from '../../src/reminders/delivery/lease-lock.js';
import { migrate, MIGRATIONS, openDatabase, DatabaseError, type Database } from '../../src/postgres/index.js';
import { systemClock } from '../../src/lark/clock.js';
import { testDatabase } from '../support/postgres.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

let database: Database;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ database, drop } = await testDatabase());
});

afterAll(async () => {
  await drop?.();
});

/** Two instances of a store (two processes' view) over the same backing state. */
interface Pair<T> {
  name: string;
  make(): { first: T; second: T };
}

const dedupeStores: Array<Pair<DedupeStore>> = [
  {
    name: 'embedded',
    make: () => {
      const store = createMemoryDedupeStore(systemClock);
      return { first: store, second: store };
    },
  },
  { name: 'postgres', make: () => ({ first: createPostgresDedupeStore(database, 'instance-a'), second: createPostgresDedupeStore(database, 'instance-b') }) },
];

describe.each(dedupeStores)('DedupeStore contract ($name)', ({ make }) => {
  it('lets exactly one of many concurrent claimers win a key', async () => {
    const { first, second } = make();
    const key = `k-${Math.random()}`;
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => (index % 2 ? first : second).claim(key, 10_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('refuses a completed key for its TTL, then accepts it again', async () => {
    const { first, second } = make();
    const key = `k-${Math.random()}`;
    expect(await first.claim(key, 10_000)).toBe(true);
    await first.complete(key, 300);
    expect(await second.claim(key, 10_000)).toBe(false);
    await sleep(400);
    expect(await second.claim(key, 10_000)).toBe(true);
  });

  it('hands an abandoned claim (holder died mid-work) to another instance once, with its payload', async () => {
    const { first, second } = make();
    const key = `k-${Math.random()}`;
    expect(await first.claim(key, 200, { question: '问题', chatId: 'oc_1' })).toBe(true);
    expect(await second.takeAbandoned(10_000, 10)).not.toContainEqual(expect.objectContaining({ key }));
    await sleep(300);
    const [taken, again] = await Promise.all([second.takeAbandoned(10_000, 100), first.takeAbandoned(10_000, 100)]);
    const all = [...taken, ...again].filter((claim) => claim.key === key);
    expect(all).toEqual([{ key, payload: { question: '问题', chatId: 'oc_1' }, attempts: 2 }]);
    await second.complete(key, 10_000);
    await sleep(250);
    expect((await first.takeAbandoned(10_000, 100)).filter((claim) => claim.key === key)).toEqual([]);
  });
});

const leaseLocks: Array<Pair<LeaseLock>> = [
  {
    name: 'embedded',
    make: () => {
      const lock = createMemoryLeaseLock(systemClock);
      return { first: lock, second: lock };
    },
  },
  { name: 'postgres', make: () => ({ first: createPostgresLeaseLock(database), second: createPostgresLeaseLock(database) }) },
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
    const leases = await Promise.all(Array.from({ length: 10 }, (_, index) => (index % 2 ? first : second).acquire(name, `holder-${index}`, 5_000)));
    expect(leases.filter(Boolean)).toHaveLength(1);
  });
});

describe('migrations and errors', () => {
  it('are idempotent: a second run applies nothing', async () => {
    expect(await migrate(database)).toEqual([]);
    const versions = await database.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.rows.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it('says how to start the server when PostgreSQL cannot be reached', async () => {
    const failure = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/test', schema: 't_unreachable' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatabaseError);
    expect((failure as DatabaseError).message).toMatch(/Cannot reach PostgreSQL at 127\.0\.0\.1:1\/test .*pg_ctlcluster.*STORE=embedded/s);
  });
});
