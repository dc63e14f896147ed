// `npx tsx bench/feishu-load.ts`: the Feishu bot under load, through webhook mode against the loopback
// fake Open Platform. 200 distinct events from 20 concurrent senders (each waits for its answer before
// asking again), answered by the real extractive service over a real index of seeds/; then the same
// with 5 % of Open Platform calls failing (500, 429 with x-ogw-ratelimit-reset, 230020). Prints
// event-to-reply latency and checks that every question was answered exactly once. Asserts nothing.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, startAppBot } from '../src/app/index.js';
import { loadConfig } from '../src/config/index.js';
import { buildIndex } from '../src/index/index.js';
import type { AnswerService } from '../src/answer/index.js';
import { larkSettings, type BotStatus } from '../src/lark/index.js';
import { silentLogger } from '../src/log/index.js';
import { FakeFeishu, messageEvent, WebhookClient, webhookEnvironment } from '../test/support/fake-feishu/index.js';
import { percentile } from './support.js';

const SENDERS = 20;
const EVENTS = 200;
const SECRETS = { encryptKey: 'bench-encrypt-key', verificationToken: 'bench-verification-token' };
const QUESTIONS = [
  '南通计划到2020年底打造多少个众创社区？',
  '窑里青在空间的总面积是多少？',
  '湖州虹绯文化传媒有限公司的主理人是谁？',
  '湖州七幸科技产业园现在有多少家企业？',
  '温鹿政办〔2025〕21号是什么文件？',
  '頔塘青创社区的运营主体是谁？',
  '南浔今年计划引进多少青年人才来就业创业？',
  '六创具体是指哪六类？',
  '众创社区建设的总体目标是什么？',
  '深圳南山区有什么人才政策？',
];

const line = (label: string, value: string): void => {
  process.stdout.write(`${label.padEnd(58)} ${value}\n`);
};

interface RunResult {
  acknowledged: number[];
  firstCard: number[];
  answered: number[];
  seconds: number;
  exactlyOnce: number;
  missing: string[];
  duplicates: string[];
  failedCalls: number;
  rateViolations: number;
}

async function run(label: string, failureRate: number, answersRoot: string, status: BotStatus, answers: AnswerService): Promise<RunResult> {
  const fake = await FakeFeishu.start({ failureRate, seed: 7 });
  const config = loadConfig({
    ...webhookEnvironment(fake, SECRETS),
    PORT: '0',
    DATA_DIR: join(answersRoot, `data-${label}`),
  });
  const settings = larkSettings(config);
  if (!settings) throw new Error('bench settings incomplete');
  const running = await startAppBot(createApp(config, { logger: silentLogger }), settings, {
    answers,
    status,
    reminders: null,
    knowledge: null,
    ops: null,
  });
  const webhook = new WebhookClient(`http://127.0.0.1:${running.port ?? 0}${settings.webhookPath}`, SECRETS);
  const acknowledged: number[] = [];
  const firstCard: number[] = [];
  const answered: number[] = [];
  const ids: string[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async (_, sender) => {
      for (let turn = 0; turn < EVENTS / SENDERS; turn += 1) {
        const messageId = `om_${label}_${sender}_${turn}`;
        ids.push(messageId);
        const question = QUESTIONS[(sender + turn) % QUESTIONS.length] ?? '';
        const sent = performance.now();
        const event = messageEvent(fake, SECRETS.verificationToken, {
          messageId,
          chatId: `oc_sender_${sender}`,
          chatType: 'p2p',
          senderId: `ou_sender_${sender}`,
          text: question,
        });
        const response = await webhook.post(event);
        if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
        acknowledged.push(performance.now() - sent);
        await fake.waitFor(() => fake.repliesTo(messageId)[0], 60_000, `the first card for ${messageId}`);
        firstCard.push(performance.now() - sent);
        await fake.waitFor(
          () => {
            const reply = fake.repliesTo(messageId)[0];
            return reply !== undefined && JSON.stringify(fake.cardOf(reply.messageId) ?? {}).includes('"feedback"');
          },
          60_000,
          `the answer to ${messageId}`,
        );
        answered.push(performance.now() - sent);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await running.bot.settled();
  const successfulReplies = (id: string): number =>
    fake.callsTo(new RegExp(`/messages/${id}/reply$`), 'POST').filter((call) => call.status === 200).length;
  const result: RunResult = {
    acknowledged,
    firstCard,
    answered,
    seconds,
    exactlyOnce: ids.filter((id) => fake.repliesTo(id).length === 1 && successfulReplies(id) === 1).length,
    missing: ids.filter((id) => fake.repliesTo(id).length === 0),
    duplicates: ids.filter((id) => fake.repliesTo(id).length > 1 || successfulReplies(id) > 1),
    failedCalls: fake.calls.filter((call) => call.status >= 400).length,
    rateViolations: fake.rateViolations,
  };
  await running.stop(5_000);
  await fake.close();
  return result;
}

function report(label: string, result: RunResult): void {
  const format = (values: number[]): string =>
    `${percentile(values, 50).toFixed(0)} ms / ${percentile(values, 95).toFixed(0)} ms / ${Math.max(...values).toFixed(0)} ms`;
  line(
    `${label}: events answered exactly once`,
    `${result.exactlyOnce} / ${EVENTS}${result.missing.length ? ` (missing ${result.missing.length})` : ''}${result.duplicates.length ? ` (duplicated ${result.duplicates.length})` : ''}`,
  );
  line(`${label}: event → HTTP 200 (acknowledged) p50 / p95 / max`, format(result.acknowledged));
  line(`${label}: event → 「正在查找…」 card  p50 / p95 / max`, format(result.firstCard));
  line(`${label}: event → answer card      p50 / p95 / max`, format(result.answered));
  line(`${label}: wall time, throughput`, `${result.seconds.toFixed(1)} s, ${(EVENTS / result.seconds).toFixed(1)} answers/s`);
  line(
    `${label}: Open Platform calls refused (then retried)`,
    `${result.failedCalls} (of which 5-per-second-per-chat violations: ${result.rateViolations})`,
  );
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-feishu-load-'));
  const config = loadConfig({ DOCS_DIR: join(import.meta.dirname, '..', 'seeds'), INDEX_DIR: join(root, 'index'), LOG_LEVEL: 'silent' });
  const runtime = createApp(config, { logger: silentLogger }).runtime;
  await buildIndex({
    docsDir: config.DOCS_DIR,
    indexDir: config.INDEX_DIR,
    chunkSize: config.CHUNK_SIZE,
    tokenizer: 'both',
    embedder: await runtime.embedder(),
    logger: silentLogger,
  });
  const answers = await runtime.answerService();
  await answers.ask({ question: '众创社区', mode: 'extractive' }); // warm-up
  const status: BotStatus = { manifest: () => runtime.index().manifest, answerMode: '原文摘录', startedAt: Date.now() };
  line('setup', `${SENDERS} senders × ${EVENTS / SENDERS} questions, webhook mode, signed + encrypted events, extractive answers`);
  report('healthy platform', await run('healthy', 0, root, status, answers));
  report('5 % failing calls', await run('flaky', 0.05, root, status, answers));
  line('crash', 'none (the process is still here)');
  line('peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
}

await main();
