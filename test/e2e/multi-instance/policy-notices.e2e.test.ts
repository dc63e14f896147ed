// Two bot instances' notices, each in a process of its own (wired as `src/main.ts` wires them with
// STORE=postgres), over one PostgreSQL schema and the loopback fake Feishu platform (real SDK). Both
// tick at every step of a simulated fortnight while a new document is indexed and admins subscribe on
// either instance; the holder of the notices' lease is killed with SIGKILL inside a send. Each
// subscribed group gets one card per new document, each admin chat one expiry card per week.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { NoticeTickReport } from '../../../src/notices/index.js';
import { at } from '../../reminders/support/fixtures.js';
import { FakeFeishu, webhookEnvironment } from '../../support/fake-feishu/index.js';
import { describeOnServer, testDatabase } from '../../support/postgres.js';
import { seedDocuments } from '../../support/seed-measures.js';
import { SEED } from '../../support/seeds.js';
import { SECRETS } from '../../support/lark-harness.js';
import { forkInstance, type Instance as ProcessInstance } from './support/instance-ipc.js';

const LEASE_MS = 1_500;
const STEP = 60 * 60_000;
const START = at('2027-12-19 20:00');
const END = at('2027-12-28 12:00');
const NEW_AT = at('2027-12-20 12:00');
const CRASH_FROM = at('2027-12-27 00:00');

type Instance = ProcessInstance<{ report?: NoticeTickReport; result?: unknown; error?: string }>;

const startInstance = (index: number, environment: Record<string, string>): Promise<Instance> =>
  forkInstance('notice-instance.ts', index, environment);

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describeOnServer('two notice processes on one PostgreSQL, the lease holder killed -9 inside a send', () => {
  it('sends each subscribed group one card per new document and each admin chat one expiry card a week', async () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-bot-notices-'));
    const seeds = seedDocuments();
    const documentsFile = join(root, 'documents.json');
    const serve = (sources: string[]): void =>
      writeFileSync(documentsFile, JSON.stringify(seeds.filter((document) => sources.includes(document.source))));
    serve([SEED.nanxun, SEED.bozhong, SEED.shangyu, SEED.nantong]);

    const { database, schema, drop } = await testDatabase();
    const fake = await FakeFeishu.start();
    cleanups.push(async () => {
      await fake.close();
      await drop();
    });
    const environment = {
      ...webhookEnvironment(fake, SECRETS),
      STORE: 'postgres',
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
      DATABASE_SCHEMA: schema,
      ADMIN_CHAT_IDS: 'oc_admin',
      DOCUMENTS_FILE: documentsFile,
      SIMULATED_NOW: String(START),
      SCHEDULER_LEASE_MS: String(LEASE_MS),
    };
    const instances = await Promise.all(
      [0, 1].map((index) => startInstance(index, { ...environment, DATA_DIR: join(root, `data-${index}`) })),
    );
    cleanups.unshift(async () => {
      for (const instance of instances.filter((candidate) => candidate.alive)) {
        instance.child.disconnect();
        await instance.exited;
      }
    });
    expect(await instances[0]!.request({ type: 'subscribe', now: START, chat: 'oc_a', by: 'ou_admin' })).toMatchObject({
      result: { changed: true },
    });
    expect(await instances[1]!.request({ type: 'subscribe', now: START, chat: 'oc_b', by: 'ou_admin' })).toMatchObject({
      result: { changed: true },
    });

    // the new-policy cards go out while both instances run; the first send of the second week (the W52
    // expiry card) kills the lease holder while the platform holds its request (it stores the message)
    let now = START;
    let killed: number | undefined;
    fake.sendGate = async () => {
      if (killed !== undefined || now < CRASH_FROM) return 'handle';
      const holder = await database.query<{ holder: string }>("SELECT holder FROM leases WHERE name = 'notices-scheduler'");
      const pid = Number(holder.rows[0]?.holder.split(':').pop());
      killed = instances.findIndex((instance) => instance.child.pid === pid);
      instances[killed]?.child.kill('SIGKILL');
      await instances[killed]?.exited;
      return 'store-then-drop';
    };

    let waited = false;
    let standbys = 0;
    for (; now < END; now += STEP) {
      if (now === NEW_AT) serve([SEED.nanxun, SEED.bozhong, SEED.shangyu, SEED.nantong, SEED.lucheng]);
      const reports = await Promise.all(instances.map((instance) => instance.request({ type: 'tick', now })));
      if (killed === undefined) standbys += reports.filter((report) => report !== 'dead' && report.report?.standby).length;
      // the dead holder's lease has to run out (real time) before the other instance can send
      if (killed !== undefined && !waited) {
        waited = true;
        await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 200));
      }
    }

    expect(killed).toBeDefined();
    // both were alive for the new-policy cards: at every tick one held the lease, the other stood by
    expect(standbys).toBeGreaterThan(100);
    const posted = fake
      .posted()
      .map((message) => `${message.chatId} ${JSON.stringify(message.content).includes('新收录政策') ? 'policy' : 'expiry'}`);
    // Monday 2027-12-20 09:00 (W51) and 2027-12-27 09:00 (W52): one expiry card each; the new document once per group
    expect(posted.sort()).toEqual(['oc_a policy', 'oc_admin expiry', 'oc_admin expiry', 'oc_b policy']);
    const uuids = fake.posted().map((message) => message.uuid);
    expect(new Set(uuids).size).toBe(uuids.length);
    // the send the holder died in was made again by the other instance with the same uuid: the platform
    // turned it into the message it already had
    const accepted = fake.calls.filter(
      (call) => call.method === 'POST' && call.path === '/open-apis/im/v1/messages' && call.status === 200,
    );
    expect(accepted.length - fake.posted().length).toBe(1);
  }, 180_000);
});
