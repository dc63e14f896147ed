import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CTenantAccessToken } from '@larksuiteoapi/node-sdk';
import { describe, expect, it } from 'vitest';
import { createDurableCache, SEEN_NAMESPACE } from '../../src/lark/store/durable-cache.js';
import { createFileStore } from '../../src/lark/store/file-store.js';
import { RecordingClock } from './recording-clock.js';

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

describe('durable cache given to the SDK', () => {
  it('persists the dedup namespace with its absolute expiry and keeps tokens in memory only', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lark-cache-')), 'seen.jsonl');
    const clock = new RecordingClock();
    const cache = createDurableCache({ store: store(file, clock), clock });
    await cache.set('om_a', '1', clock.now() + 48 * 3600_000, { namespace: SEEN_NAMESPACE });
    await cache.set(CTenantAccessToken, 't-secret', clock.now() + 7000_000, { namespace: 'cli_app' });
    expect(await cache.get('om_a', { namespace: SEEN_NAMESPACE })).toBe('1');
    expect(await cache.get(CTenantAccessToken, { namespace: 'cli_app' })).toBe('t-secret');
    expect(readFileSync(file, 'utf8')).not.toContain('t-secret');
    const afterRestart = createDurableCache({ store: store(file, clock), clock });
    expect(await afterRestart.get('om_a', { namespace: SEEN_NAMESPACE })).toBe('1');
    expect(await afterRestart.get(CTenantAccessToken, { namespace: 'cli_app' })).toBeUndefined();
    clock.time += 48 * 3600_000;
    expect(await afterRestart.get('om_a', { namespace: SEEN_NAMESPACE })).toBeUndefined();
  });
});
