import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';
import { runCli } from '../support/cli.js';
import { FakeEmbedder } from '../support/fake-embedder.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';
import { withSeedEmbeddings } from '../support/seed-embeddings.js';

// Listing and matching read only the manifest: a build with the fake embedder is enough, and quick.
describe('cli measures and cli match on an index of the seeds', () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-measures-'));
  const env = { DOCS_DIR: join(root, 'docs'), INDEX_DIR: withSeedEmbeddings(join(root, 'index')) };

  beforeAll(async () => {
    cpSync(SEEDS_DIR, env.DOCS_DIR, { recursive: true });
    await buildIndex({
      docsDir: env.DOCS_DIR,
      indexDir: env.INDEX_DIR,
      chunkSize: 360,
      tokenizer: 'both',
      embedder: new FakeEmbedder(),
      logger: silentLogger,
    });
  });

  it('lists every document with its count of measures, each with the lead the text states', async () => {
    const run = await runCli(['measures', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const { documents } = JSON.parse(run.stdout) as {
      documents: Array<{ source: string; count: number; status: string; measures: Array<{ section: string[]; lead: string[] }> }>;
    };
    expect(Object.fromEntries(documents.map((document) => [document.source, document.count]))).toEqual({
      [SEED.nanxun]: 20,
      [SEED.bozhong]: 13,
      [SEED.lucheng]: 24,
      [SEED.shangyu]: 0,
      [SEED.nantong]: 14,
    });
    const lucheng = documents.find((document) => document.source === SEED.lucheng);
    expect(lucheng?.measures.find((measure) => measure.section.at(-1) === '1.支持引导“拨投联动”')?.lead).toEqual([
      '区科技局',
      '区工业发展集团',
    ]);
    expect(documents.find((document) => document.source === SEED.nantong)?.status).toBe('已到期');
    const readable = await runCli(['measures'], env);
    expect(readable.stdout).toContain('《湖州市创新型小微企业"播种计划"行动方案(2025—2027年)》');
    expect(readable.stdout).toContain('牵头：市商务局');
  });

  it('matches a sentence to measures with profile, lead, period, status and quote, and says what is not written', async () => {
    const run = await runCli(['match', '--json', '我是刚毕业的大学生，想在南浔开一家文创工作室'], env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { profile: object; measures: Array<Record<string, unknown>>; notes: string[] };
    expect(result.profile).toEqual({ place: '南浔', who: ['大学生'], industry: ['文创'], stage: '筹备' });
    expect(Object.keys(result.measures[0] ?? {})).toEqual(['source', 'title', 'section', 'text', 'lead', 'period', 'status', 'quote']);
    expect(result.measures[0]).toMatchObject({ source: SEED.nanxun, status: '征求意见稿' });
    expect(result.notes.some((note) => note.includes('文件未写明申请条件和补贴标准，可咨询'))).toBe(true);
    const elsewhere = await runCli(['match', '--json', '我想在杭州西湖区开一家奶茶店'], env);
    expect(JSON.parse(elsewhere.stdout)).toMatchObject({
      measures: [],
      notes: [expect.stringContaining('现有文件没有覆盖杭州西湖区的政策')],
    });
  });

  it('asks for a description when there is none', async () => {
    const run = await runCli(['match'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('match needs a description');
  });
});
