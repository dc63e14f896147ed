// INDEX_STORE=postgres end to end on PGlite with pgvector: one instance builds and publishes a
// generation, another with no local index answers from it, and a re-index by the first is answered
// from by the second within seconds, without a restart. Real model, real answer service.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWithProgress } from '../../src/cli/build-with-progress.js';
import { knowledgeAdminFor } from '../../src/app/index.js';
import { createRuntime, type Runtime } from '../../src/app/runtime.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import type { Database } from '../../src/postgres/index.js';
import { pgliteDatabase } from '../support/pglite.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';

// the runtime is handed PGlite below; the URL only satisfies the configuration's check
const IN_PROCESS = 'postgres://pglite.in-process/unused';
let database: Database;
let root: string;
let first: Runtime;
let second: Runtime;

const runtimeFor = (name: string): Runtime =>
  createRuntime(
    loadConfig({
      DOCS_DIR: join(root, 'docs'),
      INDEX_DIR: join(root, `index-${name}`),
      DATA_DIR: join(root, `data-${name}`),
      LOG_LEVEL: 'silent',
      INDEX_STORE: 'postgres',
      DATABASE_URL: IN_PROCESS,
    }),
    { database, logger: silentLogger },
  );

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'policy-bot-pgindex-'));
  cpSync(SEEDS_DIR, join(root, 'docs'), { recursive: true });
  database = await pgliteDatabase();
  first = runtimeFor('a');
  second = runtimeFor('b');
  expect(await first.hasIndex()).toBe(false);
  await buildWithProgress(first, silentLogger);
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('the knowledge index in PostgreSQL', () => {
  it('answers with citations on an instance that has no local index at all', async () => {
    expect(await second.hasIndex()).toBe(true);
    const answer = await (await second.answerService()).ask({ question: '頔塘青创社区的运营主体是谁？', mode: 'extractive' });
    expect(answer.answerable).toBe(true);
    expect(answer.answer).toContain('南浔区人才产业集团');
    expect(answer.citations[0]?.source).toBe(SEED.nanxun);
    expect(second.manifest().counts.documents).toBe(5);
    const refusal = await (await second.answerService()).ask({ question: '北京中关村的人才公寓怎么申请？', mode: 'extractive' });
    expect(refusal.answerable).toBe(false);
  });

  it('switches every instance to a re-index published by another one within seconds', async () => {
    writeFileSync(
      join(root, 'docs', '夜市.txt'),
      '测试区夜间经济实施意见\n一、夜市管理\n测试区夜市由测试区商务局统一管理，营业时间为18时至次日1时。\n',
    );
    const summary = await knowledgeAdminFor(first, silentLogger).reindex();
    expect(summary.added).toEqual(['夜市.txt']);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const answer = await (await second.answerService()).ask({ question: '测试区夜市由哪个部门管理？', mode: 'extractive' });
    expect(answer.answer).toContain('测试区商务局');
    expect(second.manifest().counts.documents).toBe(6);
  }, 120_000);
});
