// The answer pipeline's own overhead per question in LLM mode, beyond retrieval: prompt building,
// the loopback HTTP/SSE round trip through the real openai client, partial rendering and citation
// checking, against a fake OpenAI-compatible server with zero model delay. Target: p95 < 50 ms.
// Run: npx tsx bench/llm-overhead.ts [rounds]
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import { buildIndex, layout } from '../src/index/index.js';
import { silentLogger } from '../src/log/index.js';
import { passageText, startFakeOpenAiServer, text, type FakeHandler } from '../test/support/fake-openai-server.js';

const TARGET_P95_MS = 50;
const rounds = Number(process.argv[2] ?? 5);
const DEV_FILE = join(import.meta.dirname, '..', '..', 'shared', 'eval', 'dev.jsonl');
const FALLBACK_QUESTIONS = [
  '窑里青在空间的总面积是多少？',
  '湖州七幸科技产业园现在有多少家企业？',
  '温鹿政办〔2025〕21号是什么文件？',
  '南通计划到2020年底打造多少个众创社区？',
  '鹿城区计划新培育多少家省级及以上科技企业？',
];

function questions(): string[] {
  if (!existsSync(DEV_FILE)) return FALLBACK_QUESTIONS;
  return readFileSync(DEV_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { question: string; expect: unknown })
    .filter((item) => item.expect !== null)
    .map((item) => item.question);
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)] ?? Number.NaN;
}

const format = (values: number[]): string =>
  `p50 ${percentile(values, 0.5).toFixed(1)} ms  p95 ${percentile(values, 0.95).toFixed(1)} ms  max ${Math.max(...values).toFixed(1)} ms  (n=${values.length})`;

/** A realistic reply: two cited sentences (passages [1] and [2]), streamed two characters per chunk. */
const twoCitedSentences: FakeHandler = (request) => {
  const sentence = (number: number) => passageText(request, number)?.match(/[^。！？；\n]{4,}/)?.[0];
  const parts = [1, 2].flatMap((number) => (sentence(number) ? [`${sentence(number)}[${number}]。`] : []));
  return text(parts.join(''), { chunkChars: 2 });
};

const server = await startFakeOpenAiServer(twoCitedSentences);
try {
  const base = loadConfig({
    ...process.env,
    LLM_BASE_URL: server.url,
    LLM_API_KEY: 'sk-bench',
    LLM_MODEL: 'fake-zero-delay',
    LOG_LEVEL: 'silent',
  });
  let config = base;
  if (!existsSync(layout.current(base.INDEX_DIR))) {
    const indexDir = join(mkdtempSync(join(tmpdir(), 'policy-bot-bench-')), 'index');
    process.stderr.write(`No index in ${base.INDEX_DIR}: building ${base.DOCS_DIR} into ${indexDir} …\n`);
    config = { ...base, INDEX_DIR: indexDir };
    const runtime = createApp(config, { logger: silentLogger }).runtime;
    await buildIndex({
      docsDir: config.DOCS_DIR,
      indexDir,
      chunkSize: config.CHUNK_SIZE,
      tokenizer: 'both',
      embedder: await runtime.embedder(),
      logger: silentLogger,
    });
  }
  const service = await createApp(config, { logger: silentLogger }).runtime.answerService();
  const asked = questions();
  for (const question of asked) await service.ask({ question }); // warm-up: model, jieba, HTTP keep-alive
  const llm: number[] = [];
  const extractive: number[] = [];
  const retrieval: number[] = [];
  let fellBack = 0;
  let replyChars = 0;
  for (let round = 0; round < rounds; round += 1) {
    for (const question of asked) {
      const result = await service.ask({ question });
      retrieval.push(result.timings.retrieveMs);
      if (result.mode === 'llm') {
        llm.push(result.timings.totalMs - result.timings.retrieveMs);
        replyChars += result.answer.length;
      } else if (result.notes.length > 0) fellBack += 1;
      const plain = await service.ask({ question, mode: 'extractive' });
      extractive.push(plain.timings.totalMs - plain.timings.retrieveMs);
    }
  }
  process.stdout.write(
    `LLM-mode overhead beyond retrieval, ${asked.length} questions × ${rounds} rounds, fake endpoint with zero model delay\n`,
  );
  process.stdout.write(`  retrieval (reference)      ${format(retrieval)}\n`);
  process.stdout.write(`  extractive overhead        ${format(extractive)}\n`);
  process.stdout.write(`  LLM overhead               ${format(llm)}\n`);
  process.stdout.write(
    `  answered by the model ${llm.length}, refused ${retrieval.length - llm.length - fellBack}, fell back ${fellBack}; mean reply ${Math.round(replyChars / Math.max(1, llm.length))} chars in 2-char chunks\n`,
  );
  const p95 = percentile(llm, 0.95);
  process.stdout.write(`  target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? 'met' : 'MISSED'}\n`);
  process.exitCode = p95 < TARGET_P95_MS ? 0 : 1;
} finally {
  await server.close();
}
