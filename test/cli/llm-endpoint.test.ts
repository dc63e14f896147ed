import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, runCli } from '../support/cli.js';
import { groundedEcho, startFakeOpenAiServer, text, userPrompt, type FakeOpenAiServer } from '../support/fake-openai-server.js';
import { SEED } from '../support/seeds.js';
import { buildSeedIndex } from '../support/seed-index.js';

const API_KEY = 'sk-test-cli-0123456789abcdef';
const NANTONG = '南通计划到2020年底打造多少个众创社区？';
let server: FakeOpenAiServer;
let env: Record<string, string>;
let offline: Record<string, string>;

interface AskJson {
  query: string;
  answerable: boolean;
  answer: string;
  mode: string;
  model?: string;
  notes: string[];
  citations: Array<{ source: string; quote: string }>;
}

beforeAll(async () => {
  const [started, paths] = await Promise.all([startFakeOpenAiServer(), buildSeedIndex()]);
  server = started;
  offline = { DOCS_DIR: paths.docsDir, INDEX_DIR: paths.indexDir, LLM_BASE_URL: '', LLM_API_KEY: '', LLM_MODEL: '' };
  env = { ...offline, LLM_BASE_URL: server.url, LLM_API_KEY: API_KEY, LLM_MODEL: 'fake-chat', LLM_TIMEOUT_MS: '3000' };
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe('CLI with an OpenAI-compatible endpoint configured', () => {
  it('answers with the model by default and extractively with --mode extractive', async () => {
    const llm = await runCli(['ask', '--json', NANTONG], env);
    expect(llm.code, llm.stderr).toBe(0);
    const answer = JSON.parse(llm.stdout) as AskJson;
    expect(answer).toMatchObject({ answerable: true, mode: 'llm', model: 'fake-chat', query: NANTONG });
    expect(answer.citations[0]?.source).toBe(SEED.nantong);
    expect(server.requests).toHaveLength(1);

    const extractive = JSON.parse((await runCli(['ask', '--json', '--mode', 'extractive', NANTONG], env)).stdout) as AskJson;
    expect(extractive).toMatchObject({ answerable: true, mode: 'extractive' });
    expect(extractive.model).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('scores both modes in eval', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-bot-eval-')), 'eval.jsonl');
    const items = [
      { id: 'd22', question: NANTONG, expect: ['10个左右'], source: SEED.nantong },
      { id: 'do03', question: '帮我写一首关于春天的诗', expect: null, source: null },
    ];
    writeFileSync(file, items.map((item) => JSON.stringify(item)).join('\n'));
    const run = await runCli(['eval', '--json', '--file', file], env);
    expect(run.code, run.stderr).toBe(0);
    const reports = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { mode: string; model?: string; summary: Record<string, number> });
    expect(reports.map((report) => [report.mode, report.model])).toEqual([
      ['extractive', undefined],
      ['llm', 'fake-chat'],
    ]);
    for (const report of reports) expect(report.summary).toMatchObject({ questions: 2, conciseAnswerWithFacts: 1, outOfScopeRefused: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps one conversation in the console chat, so a follow-up is rewritten with its history', async () => {
    server.handle((request) => {
      const asked = /【新问题】\n([^\n]+)/.exec(userPrompt(request))?.[1];
      return asked ? text('南浔今年计划引进多少青年人才来就业创业？') : groundedEcho(request, 0);
    });
    const run = await runCli(['chat'], env, `${NANTONG}\n那南浔呢？\n/quit\n`);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('10个左右');
    expect(run.stdout).toContain('来源：');
    const rewrite = server.requests.find((request) => userPrompt(request).includes('【新问题】'));
    expect(rewrite && userPrompt(rewrite)).toContain(`用户：${NANTONG}`);
    expect(server.requests.filter((request) => request.stream)).toHaveLength(2);
  });
});

describe('CLI start-up checks', () => {
  it('refuses --mode llm without an endpoint', async () => {
    const run = await runCli(['ask', '--mode', 'llm', NANTONG], offline);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--mode llm needs a chat model');
  });

  it('stops at start when a prompt template lacks a placeholder, naming the file', async () => {
    const prompts = mkdtempSync(join(tmpdir(), 'policy-bot-prompts-'));
    cpSync(join(PROJECT_ROOT, 'prompts'), prompts, { recursive: true });
    writeFileSync(join(prompts, 'answer.txt'), '【资料】\n{{passages}}\n请回答。');
    const run = await runCli(['ask', NANTONG], { ...env, PROMPTS_DIR: prompts });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(prompts, 'answer.txt')}: missing placeholder {{question}}`);
    expect(server.requests).toEqual([]);
  });
});
