import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../src/answer/index.js';
import { runCli } from '../support/cli.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';

// Five questions of ../shared/eval/dev.jsonl, copied so the test stands on its own.
const DEV_QUESTIONS = [
  { id: 'd03', question: '窑里青在空间的总面积是多少？', expect: ['6469'], source: SEED.nanxun },
  { id: 'd04', question: '湖州虹绯文化传媒有限公司的主理人是谁？', expect: ['张凌宇'], source: SEED.nanxun },
  { id: 'd13', question: '湖州七幸科技产业园现在有多少家企业？', expect: ['湖州七幸科技产业园', '122'], source: SEED.bozhong },
  { id: 'd18', question: '温鹿政办〔2025〕21号是什么文件？', expect: ['大孵化器集群'], source: SEED.lucheng },
  { id: 'd22', question: '南通计划到2020年底打造多少个众创社区？', expect: ['10个左右'], source: SEED.nantong },
];

interface AskJson {
  id?: string;
  answerable: boolean;
  answer: string;
  notes: string[];
  citations: Array<{ source: string; title: string; section: string; quote: string }>;
  passages: Array<{ source: string; score: number }>;
  timings: { retrieveMs: number; totalMs: number };
}

describe('CLI end to end on the seeds with the real model', () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-e2e-'));
  const env = { DOCS_DIR: SEEDS_DIR, INDEX_DIR: join(root, 'index') };

  beforeAll(async () => {
    const built = await runCli(['index', '--json'], env);
    expect(built.code, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout)).toMatchObject({ documents: 5 });
  });

  it('answers dev questions with the expected facts, cited from the right document', async () => {
    const batch = join(root, 'batch.jsonl');
    writeFileSync(batch, DEV_QUESTIONS.map(({ id, question }) => JSON.stringify({ id, question })).join('\n'));
    const run = await runCli(['ask', '--json', '--batch', batch], env);
    expect(run.code, run.stderr).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AskJson);
    expect(results.map((result) => result.id)).toEqual(DEV_QUESTIONS.map((item) => item.id));
    results.forEach((result, position) => {
      const item = DEV_QUESTIONS[position];
      expect(result.answerable, item?.question).toBe(true);
      expect(result.answer.length).toBeLessThanOrEqual(300);
      for (const fact of item?.expect ?? []) expect(result.answer.replace(/\s/g, '')).toContain(fact);
      expect(result.citations[0]?.source).toBe(item?.source);
      expect(result.passages).toHaveLength(10);
      expect(result.passages[0]?.source).toBe(item?.source);
    });
  });

  it('quotes a table row with its headers for a contact question', async () => {
    const run = await runCli(['ask', '--json', '頔塘青创社区的运营主体是谁？'], env);
    const result = JSON.parse(run.stdout) as AskJson;
    expect(result.answer).toContain('运营主体为南浔区人才产业集团');
    expect(result.citations[0]).toMatchObject({ source: SEED.nanxun, section: '附件1 › 全区建设培育青创空间汇总表（6个）' });
    expect(result.citations[0]?.quote).toContain('空间名称=頔塘青创社区');
  });

  it('refuses questions about other places and other topics, naming what it covers', async () => {
    for (const question of ['深圳南山区有什么人才政策？', '帮我写一首关于春天的诗', '如何注册一家美国公司？']) {
      const result = JSON.parse((await runCli(['ask', '--json', question], env)).stdout) as AskJson;
      expect(result.answerable, question).toBe(false);
      expect(result.citations).toEqual([]);
      expect(result.answer).toContain('南通市推进众创社区建设行动方案');
    }
  });

  it('prints a readable answer with citations without --json', async () => {
    const run = await runCli(['ask', '南通计划到2020年底打造多少个众创社区？'], env);
    expect(run.stdout).toContain('10个左右');
    expect(run.stdout).toMatch(/来源：\n\[1\] 《南通市推进众创社区建设行动方案》 › 二、总体目标/);
    // The cited document with its facts and status; the answer carries the expired notice.
    expect(run.stdout).toContain('注意：《南通市推进众创社区建设行动方案》执行期为2017—2020年，已到期。');
    expect(run.stdout).toContain(
      '文件：\n《南通市推进众创社区建设行动方案》 通政办发〔2017〕93号 · 南通市人民政府办公室 · 2017年6月26日 · 执行期2017—2020年 · 已到期',
    );
  });

  it('answers a comparison through the same path: one cited line per place, and one row per place in --json', async () => {
    const question = '南浔和鹿城对孵化载体分别有什么支持？';
    const readable = (await runCli(['ask', question], env)).stdout;
    const lines = readable.split('\n');
    expect(lines[0]).toMatch(/^南浔：.*孵化载体/);
    expect(lines[1]).toMatch(/^鹿城：.*孵化载体/);
    expect(readable).toContain('来源：\n[1] 《南浔区全面建设“水晶晶青创新城”提升年行动计划》');
    expect(readable).not.toContain('comparison');
    const result = JSON.parse((await runCli(['ask', '--json', question], env)).stdout) as AskJson & { comparison?: ComparisonRow[] };
    expect(result.comparison?.map((row) => [row.place, row.source])).toEqual([
      ['南浔', SEED.nanxun],
      ['鹿城', SEED.lucheng],
    ]);
    // Each row says what its cited line says, from the section that citation names.
    result.comparison?.forEach((row, position) => {
      expect(result.answer.split('\n')[position]).toContain(row.offer.slice(0, 40));
      expect(row.section).toBe(result.citations[position]?.section);
    });
  });

  it('rejects an empty question and cuts a 5,000-character one with a note', async () => {
    const empty = await runCli(['ask', '--json', '   '], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('问题为空');
    const long = await runCli(['ask', '--json', `南通众创社区${'很'.repeat(5000)}`], env);
    expect(long.code).toBe(0);
    expect((JSON.parse(long.stdout) as AskJson).notes[0]).toMatch(/问题过长/);
  });

  it('reports a malformed batch line and keeps answering the others', async () => {
    const batch = join(root, 'mixed.jsonl');
    writeFileSync(
      batch,
      ['{"id":"a","question":"南通计划到2020年底打造多少个众创社区？"}', 'not json', '{"id":"c","question":"两池是指什么？"}'].join('\n'),
    );
    const lines = (await runCli(['ask', '--json', '--batch', batch], env)).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatchObject({ line: 2 });
    expect(lines[2]).toMatchObject({ id: 'c' });
  });

  it('tells the user to build the index when there is none', async () => {
    const run = await runCli(['ask', '南通'], { ...env, INDEX_DIR: join(root, 'nothing-here') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm run -s cli -- index');
  });
});
