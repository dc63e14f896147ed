// /healthz and /metrics over real HTTP (127.0.0.1, port 0) on the running bot, and the admin audit log:
// the real SDK against the fake Open Platform, the real answer service over an index of seeds/.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerService } from '../../src/answer/index.js';
import { createApp, startAppBot, type Runtime } from '../../src/app/index.js';
import { type BotStatus, type WsClientFactory } from '../../src/lark/index.js';
import type { RunningBot } from '../../src/app/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createPrometheusMetrics, type PrometheusMetrics } from '../../src/ops/index.js';
import { fileReminderStores, createReminders, toRemindersSettings, type CronStarter } from '../../src/reminders/index.js';
import { FakeFeishu, messageEvent, WebhookClient } from '../support/fake-feishu/index.js';
import { FAST_RETRY, SECRETS, seedRuntime, settingsFor, statusOf } from '../support/lark-harness.js';
import { knowledgeAdminFor } from '../../src/app/index.js';

const GROUP = 'oc_ops_group';
const QUESTION = '南通计划到2020年底打造多少个众创社区？';
const OUT_OF_SCOPE = '北京市朝阳区2019年的养老金怎么领取？';
const manualCron: CronStarter = () => ({ stop: () => undefined });

let fake: FakeFeishu;
let runtime: Runtime;
let answers: AnswerService;
let status: BotStatus;
let root: string;
let running: RunningBot;
let webhook: WebhookClient;
let metrics: PrometheusMetrics;
let counter = 0;
const nextId = (label: string): string => `om_ops_${label}_${(counter += 1)}`;
const dataDir = (): string => join(root, 'data');
const base = (port = running.opsPort): string => `http://127.0.0.1:${port ?? 0}`;

/** One sample's value from Prometheus text, 0 when the series is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

async function metricsText(port?: number): Promise<string> {
  const response = await fetch(`${base(port)}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

async function say(text: string, senderId = 'ou_user_1'): Promise<string> {
  const messageId = nextId('m');
  const response = await webhook.post(
    messageEvent(fake, SECRETS.verificationToken, { messageId, chatId: GROUP, text, mentionBot: true, senderId }),
  );
  expect(response.status).toBe(200);
  return messageId;
}

/** Waits for the final answer card (it has the feedback buttons). */
async function answered(messageId: string): Promise<string> {
  return fake.waitFor(
    () => {
      const reply = fake.repliesTo(messageId)[0];
      const card = reply ? fake.cardOf(reply.messageId) : undefined;
      return reply && card && JSON.stringify(card).includes('"feedback"') ? reply.messageId : undefined;
    },
    15_000,
    `the answer to ${messageId}`,
  );
}

const replied = (messageId: string): Promise<string> =>
  fake.waitFor(() => fake.repliesTo(messageId)[0]?.messageId, 10_000, `the reply to ${messageId}`);

const auditLines = (): Array<Record<string, unknown>> => {
  const file = join(dataDir(), 'audit.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
};

beforeAll(async () => {
  ({ root, runtime } = await seedRuntime());
  answers = await runtime.answerService();
  status = statusOf(runtime);
  fake = await FakeFeishu.start();
  const { config, settings } = settingsFor(fake, dataDir());
  metrics = createPrometheusMetrics();
  running = await startAppBot(createApp(config, { logger: silentLogger, runtime }), settings, {
    answers,
    status,
    lark: { retry: FAST_RETRY, requestTimeoutMs: 5_000 },
    reminders: createReminders({
      settings: toRemindersSettings(config, config.DATA_DIR),
      logger: silentLogger,
      stores: fileReminderStores(toRemindersSettings(config, config.DATA_DIR).directory),
    }),
    reminderScheduler: { cron: manualCron },
    ops: { metrics },
    knowledge: knowledgeAdminFor(runtime, silentLogger),
  });
  webhook = new WebhookClient(`http://127.0.0.1:${running.port ?? 0}${settings.webhookPath}`, SECRETS);
}, 120_000);

afterAll(async () => {
  await running?.stop(2_000);
  await fake?.close();
});

describe('/healthz and /metrics on the webhook server', () => {
  it('serves both on the webhook port', () => {
    expect(running.opsPort).toBe(running.port);
  });

  it('/healthz reports the index and its age, the model, the Feishu connection and the last scheduler tick', async () => {
    const before = (await (await fetch(`${base()}/healthz`)).json()) as Record<string, Record<string, unknown>>;
    expect(before.scheduler).toEqual({});
    await running.reminders?.tick();
    const response = await fetch(`${base()}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      ok: boolean;
      index: { loaded: boolean; builtAt: string; ageSeconds: number };
      model: { loaded: boolean };
      feishu: { connected: boolean };
      scheduler: { lastTick?: string; secondsAgo?: number };
    };
    expect(body.ok).toBe(true);
    expect(body.index.loaded).toBe(true);
    expect(body.index.builtAt).toBe(runtime.index().manifest.builtAt);
    expect(body.index.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(body.index.ageSeconds).toBeLessThan(600);
    expect(body.model.loaded).toBe(true);
    expect(body.feishu.connected).toBe(true);
    expect(Date.now() - Date.parse(body.scheduler.lastTick ?? '')).toBeLessThan(60_000);
  });

  it('counts an answered question, its latency, a refusal and a 👍 in /metrics', async () => {
    const before = await metricsText();
    expect(before).toContain('# TYPE policybot_answer_seconds histogram');
    const asked = await say(QUESTION);
    const replyId = await answered(asked);
    const refusedQuestion = await say(OUT_OF_SCOPE);
    await answered(refusedQuestion);
    const click = await webhook.click(fake, {
      messageId: replyId,
      chatId: GROUP,
      operatorId: 'ou_voter',
      value: { action: 'feedback', vote: 'up', ref: asked },
    });
    expect(click.status).toBe(200);
    // the answer task counts after the final card is sent: poll briefly
    let after = '';
    for (let attempt = 0; attempt < 50; attempt += 1) {
      after = await metricsText();
      if (sample(after, 'policybot_questions_total{channel="lark",mode="extractive"}') >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const questions = 'policybot_questions_total{channel="lark",mode="extractive"}';
    expect(sample(after, questions) - sample(before, questions)).toBe(2);
    const latency = 'policybot_answer_seconds_count{channel="lark",mode="extractive"}';
    expect(sample(after, latency) - sample(before, latency)).toBe(2);
    expect(sample(after, 'policybot_answer_seconds_sum{channel="lark",mode="extractive"}')).toBeGreaterThan(0);
    const refusals = 'policybot_refusals_total{channel="lark"}';
    expect(sample(after, refusals) - sample(before, refusals)).toBe(1);
    expect(sample(after, 'policybot_feedback_total{vote="up"}') - sample(before, 'policybot_feedback_total{vote="up"}')).toBe(1);
    expect(sample(after, 'policybot_feedback_total{vote="down"}')).toBe(0);
    expect(sample(after, 'policybot_errors_total{kind="answer"}')).toBe(0);
    // a forged delivery and a click that cannot be read count as errors of their kind
    const forged = messageEvent(fake, SECRETS.verificationToken, {
      messageId: 'om_forged',
      chatId: GROUP,
      text: QUESTION,
      mentionBot: true,
    });
    expect((await webhook.post(forged, { signature: 'wrong' })).status).toBe(401);
    expect(
      sample(await metricsText(), 'policybot_errors_total{kind="webhook"}') - sample(before, 'policybot_errors_total{kind="webhook"}'),
    ).toBe(1);
    expect(after).toContain('policybot_process_cpu_user_seconds_total');
  });

  it('still answers the webhook path and 404s the rest', async () => {
    expect((await fetch(`${base()}/nothing`)).status).toBe(404);
    expect((await fetch(`${base()}/metrics`, { method: 'POST' })).status).toBe(404);
  });
});

describe('admin audit log', () => {
  it('records an admin /reindex and /subscribe with who, what, when and result; a refused member leaves no entry', async () => {
    const before = auditLines().length;
    await replied(await say('/reindex', 'ou_member'));
    await replied(await say('/subscribe', 'ou_member'));
    expect(auditLines()).toHaveLength(before);

    const started = Date.now();
    const reindex = await say('/reindex', 'ou_admin');
    const progressCard = await replied(reindex);
    await fake.waitFor(() => fake.textOf(progressCard).includes('重建索引完成'), 60_000, 'the re-index summary');
    const subscribe = await say('/subscribe', 'ou_admin');
    await replied(subscribe);
    const removeUnknown = await say('/remind remove nope', 'ou_admin');
    await replied(removeUnknown);
    const entries = auditLines().slice(before);
    expect(entries.map((entry) => [entry.actor, entry.action, entry.result, entry.chatId])).toEqual([
      ['ou_admin', 'reindex', 'ok', GROUP],
      ['ou_admin', 'subscribe', 'ok', GROUP],
      ['ou_admin', 'remind remove', 'failed', GROUP],
    ]);
    expect(entries.map((entry) => entry.requestId)).toEqual([reindex, subscribe, removeUnknown]);
    expect(entries[2]?.args).toBe('remove nope');
    for (const entry of entries) expect(Date.parse(String(entry.time))).toBeGreaterThanOrEqual(started - 1000);
  });
});

describe('long-connection mode', () => {
  it('serves /healthz and /metrics on a server of its own, and /healthz says 503 without an index', async () => {
    const wsClientFactory: WsClientFactory = (_settings, callbacks) => ({
      async start() {
        callbacks.onReady();
      },
      close: () => undefined,
    });
    const { config, settings } = settingsFor(fake, join(root, 'data-ws'), { LARK_MODE: 'long-connection', OPS_HOST: '127.0.0.1' });
    const noIndex: BotStatus = {
      manifest: () => {
        throw new Error('no index');
      },
      answerMode: 'x',
      startedAt: Date.now(),
    };
    const ws = await startAppBot(createApp(config, { logger: silentLogger, runtime }), settings, {
      answers,
      status: noIndex,
      reminders: null,
      knowledge: null,
      wsClientFactory,
      ops: { metrics: createPrometheusMetrics({ processMetrics: false }) },
    });
    try {
      expect(ws.port).toBeUndefined();
      expect(ws.opsPort).toBeGreaterThan(0);
      const health = await fetch(`${base(ws.opsPort)}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toMatchObject({ ok: false, index: { loaded: false }, feishu: { connected: true } });
      const text = await metricsText(ws.opsPort);
      expect(text).toContain('policybot_questions_total');
      expect(text).not.toContain('process_cpu');
    } finally {
      await ws.stop(1_000);
    }
    await expect(fetch(`${base(ws.opsPort)}/healthz`)).rejects.toThrow();
  });
});
