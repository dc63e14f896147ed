import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CTenantAccessToken } from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { createChannelCache, SEEN_NAMESPACE } from '../../../src/lark/safety/channel-cache.js';
import { createFileDedupeStore } from '../../../src/lark/store/dedupe-store.js';
import { createFileStore } from '../../../src/lark/store/file-store.js';
import { RecordingClock } from '../../support/recording-clock.js';

const parseText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function store(file: string, clock: RecordingClock, maxEntries = 100) {
  return createFileStore({ file, maxEntries, clock, parse: parseText });
}

describe('file store', () => {
  it('survives a reopen, forgets expired entries, and skips a torn last line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lark-store-')), 'seen.jsonl');
    const clock = new RecordingClock();
    const first = store(file, clock);
    await first.set('om_1', '1', clock.now() + 1000);
    await first.set('om_2', '1', clock.now() + 10);
    await first.close();
    appendFileSync(file, '{"k":"om_3","v":"1","e":');
    clock.time += 100;
    const reopened = store(file, clock);
    expect(reopened.get('om_1')).toBe('1');
    expect(reopened.get('om_2')).toBeUndefined();
    expect(reopened.get('om_3')).toBeUndefined();
    expect(reopened.size).toBe(1);
    await reopened.close();
  });

  it('stays bounded: the oldest entries go first, and the file is compacted', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lark-store-')), 'seen.jsonl');
    const clock = new RecordingClock();
    const bounded = store(file, clock, 10);
    const writes = [];
    for (let index = 0; index < 1200; index += 1) writes.push(bounded.set(`om_${index}`, '1', clock.now() + 60_000));
    await Promise.all(writes);
    expect(bounded.size).toBe(10);
    expect(bounded.get('om_0')).toBeUndefined();
    expect(bounded.get('om_1199')).toBe('1');
    await bounded.close();
    expect(readFileSync(file, 'utf8').trim().split('\n').length).toBeLessThan(1100);
    expect(store(file, clock, 10).get('om_1195')).toBe('1');
  });
});

describe('the Channel cache given to the SDK, on the embedded DedupeStore', () => {
  it('turns "seen?" of a card action into a claim and "seen" into its completion, durable across a restart; tokens stay in memory only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lark-cache-')), 'lark-claims.jsonl');
    const clock = new RecordingClock();
    const dedupe = createFileDedupeStore({ file, clock });
    const cache = createChannelCache({ dedupe, seenLeaseMs: 60_000, clock });
    const action = 'c3b1e0a2-event-of-a-card-action';
    // first delivery: not seen (and now claimed); a second delivery while it is handled: seen
    expect(await cache.get(action, { namespace: SEEN_NAMESPACE })).toBeUndefined();
    expect(await cache.get(action, { namespace: SEEN_NAMESPACE })).toBe('1');
    await cache.set(action, '1', clock.now() + 48 * 3600_000, { namespace: SEEN_NAMESPACE });
    await cache.set(CTenantAccessToken, 't-secret', clock.now() + 7000_000, { namespace: 'cli_app' });
    expect(await cache.get(CTenantAccessToken, { namespace: 'cli_app' })).toBe('t-secret');
    // messages are claimed before the Channel: its own mark would stop a takeover, so they pass
    await cache.set('om_question', '1', clock.now() + 48 * 3600_000, { namespace: SEEN_NAMESPACE });
    expect(await cache.get('om_question', { namespace: SEEN_NAMESPACE })).toBeUndefined();
    await dedupe.close();
    expect(readFileSync(file, 'utf8')).not.toContain('t-secret');

    const afterRestart = createChannelCache({ dedupe: createFileDedupeStore({ file, clock }), seenLeaseMs: 60_000, clock });
    expect(await afterRestart.get(action, { namespace: SEEN_NAMESPACE })).toBe('1');
    expect(await afterRestart.get(CTenantAccessToken, { namespace: 'cli_app' })).toBeUndefined();
    clock.time += 48 * 3600_000;
    expect(await afterRestart.get(action, { namespace: SEEN_NAMESPACE })).toBeUndefined();
  });
});

describe('embedded DedupeStore across a restart', () => {
  it('keeps done keys refused, and hands the claim a dead process left behind to the next one once its lease ran out', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lark-claims-')), 'lark-claims.jsonl');
    const clock = new RecordingClock();
    const first = createFileDedupeStore({ file, clock });
    expect(await first.claim('message:om_done', 1_000, { id: 'om_done' })).toBe(true);
    await first.complete('message:om_done', 48 * 3600_000);
    expect(await first.claim('message:om_answering', 120_000, { event: { message_id: 'om_answering' } })).toBe(true);
    // the process dies here (no close): what it fsync'd is all the next one has
    const second = createFileDedupeStore({ file, clock });
    expect(await second.claim('message:om_done', 1_000)).toBe(false);
    expect(await second.claim('message:om_answering', 120_000)).toBe(false);
    expect(await second.takeAbandoned(120_000, 10)).toEqual([]);
    clock.time += 120_001;
    expect(await second.takeAbandoned(120_000, 10)).toEqual([
      { key: 'message:om_answering', payload: { event: { message_id: 'om_answering' } }, attempts: 2 },
    ]);
    expect(await second.takeAbandoned(120_000, 10)).toEqual([]);
    await second.close();
  });
});
