// The AuditLog contract, run against the JSON-lines file and the PostgreSQL table alike.
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditLog } from '../../../src/lark/store/audit-log.js';
import { openAuditLog } from '../../../src/lark/store/file-audit-log.js';
import { postgresAuditLog } from '../../../src/lark/store/postgres-audit-log.js';
import { dataDirectory, sharedContractDatabase, type StoreUnderContract } from '../../support/store-contract.js';

const database = sharedContractDatabase();

const implementations: Array<StoreUnderContract<AuditLog>> = [
  {
    name: 'file',
    async open() {
      const directory = dataDirectory();
      return { store: openAuditLog(directory), reopen: () => openAuditLog(directory) };
    },
  },
  {
    name: 'postgres',
    async open() {
      await database().query('DELETE FROM audit_log');
      return { store: postgresAuditLog(database()), reopen: () => postgresAuditLog(database()) };
    },
  },
];

const entry = (action: string, extra: Partial<AuditEntry> = {}): AuditEntry => ({
  time: '2026-06-01T08:00:00.000Z',
  actor: 'ou_admin',
  chatId: 'oc_1',
  action,
  args: `${action} 参数`,
  result: 'ok',
  ...extra,
});

describe.each(implementations)('AuditLog contract ($name)', ({ open }) => {
  it('reads back the latest entries newest first, at most `limit`, after a reopen', async () => {
    const { store, reopen } = await open();
    for (const action of ['reindex', 'upload', 'remove']) await store.record(entry(action));
    await store.close();
    const again = reopen();
    expect((await again.recent(2)).map((item) => item.action)).toEqual(['remove', 'upload']);
    expect((await again.recent(10)).map((item) => item.action)).toEqual(['remove', 'upload', 'reindex']);
    await again.close();
  });

  it('keeps every field, the optional ones only when given', async () => {
    const { store } = await open();
    const failed = entry('subscribe', { result: 'failed', detail: '没有权限', requestId: 'req-1', time: '2026-06-02T09:30:00.000Z' });
    await store.record(entry('unsubscribe'));
    await store.record(failed);
    expect(await store.recent(2)).toEqual([failed, entry('unsubscribe')]);
    await store.close();
  });

  it('is empty before anything is recorded', async () => {
    const { store } = await open();
    expect(await store.recent(5)).toEqual([]);
    await store.close();
  });
});
