import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonRow } from '../../src/answer/index.js';
import { runCli } from '../support/cli.js';
import { SEED, SEEDS_DIR } from '../support/seeds.js';
import { withSeedEmbeddings } from '../support/seed-embeddings.js';

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

const CONTACT = { id: 'contact', question: '頔塘青创社区的运营主体是谁？' };
const OFF_TOPIC = ['深圳南山区有什么人才政策？', '帮我写一首关于春天的诗', '如何注册一家美国公司？'].map((question, index) => ({
  id: `off-${index}`,
  question,
}));
const COMPARISON = { id: 'comparison', question: '南浔和鹿城对孵化载体分别有什么支持？' };
const LONG = { id: 'long', question: `南通众创社区${'很'.repeat(5000)}` };

type BatchResult = AskJson & { comparison?: ComparisonRow[]; line?: number };

// Every --json question goes through one batch run (each start loads the model and the index): the
// results are read by id, and a malformed line sits among them to prove the others are still answered.
describe('CLI end to end on the seeds with the real model', () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-e2e-'));
  const env = { DOCS_DIR: SEEDS_DIR, INDEX_DIR: withSeedEmbeddings(join(root, 'index')) };
  let results: BatchResult[] = [];
  const result = (id: string): BatchResult => {
    const found = results.find((entry) => entry.id === id);
    if (!found) throw new Error(`no batch result for ${id}`);
    return found;
  };

  beforeAll(async () => {
    const built = await runCli(['index', '--json'], env);
    expect(built.code, built.stderr).toBe(0);
    // every chunk's embedding was in the index's cache already (withSeedEmbeddings): none is computed again
    expect(JSON.parse(built.stdout)).toMatchObject({ documents: 5, embedded: 0 });
    const batch = join(root, 'batch.jsonl');
    const questions = [...DEV_QUESTIONS, CONTACT, ...OFF_TOPIC, COMPARISON, LONG].map(({ id, question }) =>
      JSON.stringify({ id, question }),
    );
    writeFileSync(batch, [...questions.slice(0, 6), 'not json', ...questions.slice(6)].join('\n'));
    const run = await runCli(['ask', '--json', '--batch', batch], env);
    expect(run.code, run.stderr).toBe(0);
    results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as BatchResult);
  });

  it('answers dev questions with the expected facts, cited from the right document', () => {
    for (const item of DEV_QUESTIONS) {
      const answer = result(item.id);
      expect(answer.answerable, item.question).toBe(true);
      expect(answer.answer.length).toBeLessThanOrEqual(300);
      for (const fact of item.expect) expect(answer.answer.replace(/\s/g, '')).toContain(fact);
      expect(answer.citations[0]?.source).toBe(item.source);
      expect(answer.passages).toHaveLength(10);
      expect(answer.passages[0]?.source).toBe(item.source);
    }
  });

  it('quotes a table row with its headers for a contact question', () => {
    const answer = result(CONTACT.id);
    expect(answer.answer).toContain('运营主体为南浔区人才产业集团');
    expect(answer.citations[0]).toMatchObject({ source: SEED.nanxun, section: '附件1 › 全区建设培育青创空间汇总表（6个）' });
    expect(answer.citations[0]?.quote).toContain('空间名称=頔塘青创社区');
  });

  it('refuses questions about other places and other topics, naming what it covers', () => {
    for (const { id, question } of OFF_TOPIC) {
      const answer = result(id);
      expect(answer.answerable, question).toBe(false);
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toContain('南通市推进众创社区建设行动方案');
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

  it("no longer calls a document expired once an admin marked it 「仍然有效」 (the notices' state in DATA_DIR)", async () => {
    const dataDir = join(root, 'data-marked');
    mkdirSync(join(dataDir, 'notices'), { recursive: true });
    const mark = { at: '2026-12-01T01:00:00Z', by: 'ou_admin' };
    writeFileSync(
      join(dataDir, 'notices', 'state.json'),
      JSON.stringify({ version: 1, subscriptions: {}, stillInForce: { [SEED.nantong]: mark } }),
    );
    const run = await runCli(['ask', '南通计划到2020年底打造多少个众创社区？'], { ...env, DATA_DIR: dataDir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('10个左右');
    expect(run.stdout).not.toContain('已到期');
  });

  it('answers a comparison through the same path: one cited line per place, and one row per place in --json', async () => {
    const readable = (await runCli(['ask', COMPARISON.question], env)).stdout;
    const lines = readable.split('\n');
    expect(lines[0]).toMatch(/^南浔：.*孵化载体/);
    expect(lines[1]).toMatch(/^鹿城：.*孵化载体/);
    expect(readable).toContain('来源：\n[1] 《南浔区全面建设“水晶晶青创新城”提升年行动计划》');
    expect(readable).not.toContain('comparison');
    const answer = result(COMPARISON.id);
    expect(answer.comparison?.map((row) => [row.place, row.source])).toEqual([
      ['南浔', SEED.nanxun],
      ['鹿城', SEED.lucheng],
    ]);
    // Each row says what its cited line says, from the section that citation names.
    answer.comparison?.forEach((row, position) => {
      expect(answer.answer.split('\n')[position]).toContain(row.offer.slice(0, 40));
      expect(row.section).toBe(answer.citations[position]?.section);
    });
  });

  it('rejects an empty question and cuts a 5,000-character one with a note', async () => {
    const empty = await runCli(['ask', '--json', '   '], env);
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('问题为空');
    expect(result(LONG.id).notes[0]).toMatch(/问题过长/);
  });

  it('reports a malformed batch line and keeps answering the others', () => {
    expect(results).toHaveLength(DEV_QUESTIONS.length + OFF_TOPIC.length + 4);
    expect(results[6]).toMatchObject({ line: 7 });
    expect(results[7]).toMatchObject({ id: 'off-0' });
  });

  it('tells the user to build the index when there is none', async () => {
    const run = await runCli(['ask', '南通'], { ...env, INDEX_DIR: join(root, 'nothing-here') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('npm run -s cli -- index');
  });
});
