// A live instance's claim is renewed while it works, so another instance's sweep does not take it over
// (two instances then updating one CardKit card interleave their sequences: 300317); released, it runs out.
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/clock/index.js';
import { createLeaseKeeper } from '../../../src/lark/safety/lease-keeper.js';
import { createMemoryDedupeStore } from '../../../src/lark/store/dedupe-store.js';
import { silentLogger } from '../../../src/log/index.js';
import { sleep } from '../../support/sleep.js';

const LEASE_MS = 90;

describe('lease keeper', () => {
  it('keeps a claim from running out while kept, and lets it run out once released', async () => {
    const dedupe = createMemoryDedupeStore(systemClock);
    const keeper = createLeaseKeeper({ dedupe, leaseMs: LEASE_MS, logger: silentLogger });
    expect(await dedupe.claim('message:om_1', LEASE_MS, { work: 1 })).toBe(true);
    keeper.keep('message:om_1');
    await sleep(LEASE_MS * 4);
    expect(await dedupe.takeAbandoned(10_000, 10)).toEqual([]);
    keeper.release('message:om_1');
    await sleep(LEASE_MS * 2);
    expect(await dedupe.takeAbandoned(10_000, 10)).toEqual([{ key: 'message:om_1', payload: { work: 1 }, attempts: 2 }]);
    keeper.stop();
  });

  it('stops keeping a claim after the longest an answer may take', async () => {
    const dedupe = createMemoryDedupeStore(systemClock);
    const keeper = createLeaseKeeper({ dedupe, leaseMs: LEASE_MS, logger: silentLogger, maxKeptMs: LEASE_MS });
    expect(await dedupe.claim('message:om_2', LEASE_MS, { work: 2 })).toBe(true);
    keeper.keep('message:om_2');
    await sleep(LEASE_MS * 4);
    expect(await dedupe.takeAbandoned(10_000, 10)).toHaveLength(1);
    keeper.stop();
  });
});
