// The DedupeStore contract (message claims), run against the embedded implementation and the PostgreSQL
// one alike, on the machine's real PostgreSQL server (PGlite when there is none). Nothing is mocked.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileDedupeStore, createPostgresDedupeStore, type DedupeStore } from '../../../src/lark/store/dedupe-store.js';
import { systemClock } from '../../../src/clock/index.js';
import { sharedContractDatabase, type StorePair } from '../../support/store-contract.js';
import { sleep } from '../../support/sleep.js';

const database = sharedContractDatabase();

const dedupeStores: Array<StorePair<DedupeStore>> = [
  {
    name: 'embedded',
    make: () => {
      // one process: the file in DATA_DIR (a second process never opens the same one)
      const store = createFileDedupeStore({
        file: join(mkdtempSync(join(tmpdir(), 'policy-bot-claims-')), 'lark-claims.jsonl'),
        clock: systemClock,
      });
      return { first: store, second: store };
    },
  },
  {
    name: 'postgres',
    make: () => ({
      first: createPostgresDedupeStore(database(), 'instance-a'),
      second: createPostgresDedupeStore(database(), 'instance-b'),
    }),
  },
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

  it('lets a claim without a payload (no work to redo) simply run out instead of handing it over', async () => {
    const { first, second } = make();
    const key = `k-${Math.random()}`;
    expect(await first.claim(key, 200)).toBe(true);
    await sleep(300);
    expect((await second.takeAbandoned(10_000, 100)).filter((claim) => claim.key === key)).toEqual([]);
    expect(await second.claim(key, 10_000)).toBe(true);
  });

  it('keeps a renewed claim (its holder is alive) from being taken over, and renews nothing once done', async () => {
    const { first, second } = make();
    const key = `k-${Math.random()}`;
    expect(await first.claim(key, 200, { question: '问题' })).toBe(true);
    for (let beat = 0; beat < 4; beat += 1) {
      await sleep(100);
      expect(await first.renew(key, 200)).toBe(true);
    }
    // 400 ms after a 200 ms claim: only the renewals keep it
    expect((await second.takeAbandoned(10_000, 100)).filter((claim) => claim.key === key)).toEqual([]);
    expect(await second.claim(key, 10_000)).toBe(false);
    await first.complete(key, 10_000);
    expect(await first.renew(key, 200)).toBe(false);
  });
});
