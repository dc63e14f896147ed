// The SendLog contract, run against the JSON-lines file and the PostgreSQL table alike; then what each
// does beyond it (the file skips damaged lines; the shared table checks the scheduler's lease fence).
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createPostgresLeaseLock,
  createPostgresSendLog,
  openSendLog,
  type SendLog,
  type SendRecord,
} from '../../../src/reminders/index.js';
import { dataDirectory, sharedContractDatabase, type StoreUnderContract } from '../../support/store-contract.js';

const database = sharedContractDatabase();

const implementations: Array<StoreUnderContract<SendLog>> = [
  {
    name: 'file',
    async open() {
      const file = join(dataDirectory(), 'reminders', 'send-log.jsonl');
      return { store: openSendLog(file), reopen: () => openSendLog(file) };
    },
  },
  {
    name: 'postgres',
    async open() {
      await database().query('DELETE FROM reminder_log');
      return { store: createPostgresSendLog(database()), reopen: () => createPostgresSendLog(database()) };
    },
  },
];

const key = { entry: 'tax-deadline', occurrence: '2026-12-15', chat: 'oc_1' };
const base = { key, uuid: 'uuid-1', scheduledAt: 1_765_000_000_000 };
const records: SendRecord[] = [
  { type: 'attempt', ...base, at: 1_765_000_001_000 },
  { type: 'failed', ...base, at: 1_765_000_002_000, code: 'rate-limited', retryable: true, message: '429' },
  { type: 'attempt', ...base, at: 1_765_000_063_000 },
  { type: 'sent', ...base, at: 1_765_000_064_000, messageId: 'om_sent' },
  { type: 'skipped', ...base, key: { ...key, chat: 'oc_2' }, at: 1_765_000_065_000, reason: 'paused' },
];

describe.each(implementations)('SendLog contract ($name)', ({ open }) => {
  it('reads back every kind of record, oldest first, after a reopen', async () => {
    const { store, reopen } = await open();
    for (const record of records) await store.append(record);
    expect(await store.read()).toEqual(records);
    await store.close();
    const again = reopen();
    expect(await again.read()).toEqual(records);
    await again.close();
  });

  it('is empty before anything is appended', async () => {
    const { store } = await open();
    expect(await store.read()).toEqual([]);
    await store.close();
  });
});

describe('SendLog (file) beyond the contract', () => {
  it('skips a torn last line and a line that is no record, keeping the rest', async () => {
    const file = join(dataDirectory(), 'send-log.jsonl');
    const log = openSendLog(file);
    log.append(records[0]!);
    appendFileSync(file, '{"type":"sent","key":{}}\n{"type":"att');
    expect(log.read()).toEqual([records[0]]);
    log.close();
  });
});

describe('SendLog (PostgreSQL) beyond the contract', () => {
  it('refuses a write fenced by a lease that is no longer held, so a stalled scheduler cannot send beside the new holder', async () => {
    await database().query('DELETE FROM reminder_log');
    const leases = createPostgresLeaseLock(database());
    const name = `scheduler-${Math.random()}`;
    const stale = await leases.acquire(name, 'instance-a', 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    const current = await leases.acquire(name, 'instance-b', 10_000);
    const log = createPostgresSendLog(database());
    await expect(log.append(records[0]!, stale)).rejects.toMatchObject({ code: 'lock-lost' });
    await log.append(records[1]!, current);
    expect(await log.read()).toEqual([records[1]]);
  });
});
