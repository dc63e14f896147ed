import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../src/console/index.js';
import { systemClock } from '../../src/clock/index.js';
import { createMemoryDedupeStore, openAuditLog, openQuestionLog } from '../../src/lark/index.js';
import { openFeedbackLog } from '../../src/lark/store/file-feedback-log.js';
import { silentLogger } from '../../src/log/index.js';

const root = mkdtempSync(join(tmpdir(), 'console-routes-'));
let server: Server;
let base = '';
const questions = openQuestionLog(root, systemClock);
const audit = openAuditLog(root);
const adminConsole = createConsole({
  secret: 'test-secret',
  admins: new Set(['ou_admin']),
  idleMs: 30 * 60_000,
  publicUrl: 'http://placeholder',
  clock: systemClock,
  logger: silentLogger,
  manifest: () => undefined,
  answers: { ask: async () => Promise.reject(new Error('not used')) },
  docsDir: root,
  maxUploadBytes: 1024,
});

beforeAll(async () => {
  const routes = adminConsole.routes({
    stores: { questions, audit, feedback: openFeedbackLog(root), dedupe: createMemoryDedupeStore(systemClock) },
    health: {
      indexBuiltAt: () => undefined,
      modelLoaded: () => true,
      feishuConnected: () => true,
      lastSchedulerTick: () => undefined,
      now: () => Date.now(),
    },
  });
  server = createServer((request, response) => {
    if (!routes(request, response)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

/** Logs in with a one-time link; returns the session cookie and the page's CSRF token. */
async function login(): Promise<{ cookie: string; csrf: string }> {
  const link = await adminConsole.issueLink('ou_admin');
  const token = new URL(link?.url ?? '').searchParams.get('token') ?? '';
  const response = await fetch(`${base}/console/login/link`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual' });
  expect(response.status).toBe(303);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const page = await (await fetch(`${base}/console/questions`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="csrf-token" content="([^"]+)"/.exec(page)?.[1] ?? '' };
}

describe('console routes over HTTP', () => {
  it("deletes a chat's questions with a form post carrying the CSRF token, and refuses one without", async () => {
    await questions.record({
      id: 'om_1',
      time: new Date().toISOString(),
      chatId: 'oc_gone',
      question: '问题',
      answer: '',
      answerable: false,
      mode: 'extractive',
      latencyMs: 1,
      sources: [],
    });
    const { cookie, csrf } = await login();
    const refused = await fetch(`${base}/console/chats/delete`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: new URLSearchParams({ chatId: 'oc_gone', _csrf: 'wrong' }),
      redirect: 'manual',
    });
    expect(refused.status).toBe(403);
    expect(await questions.list()).toHaveLength(1);
    const done = await fetch(`${base}/console/chats/delete`, {
      method: 'POST',
      headers: { cookie, origin: base },
      body: new URLSearchParams({ chatId: 'oc_gone', _csrf: csrf }),
      redirect: 'manual',
    });
    expect(done.status).toBe(303);
    expect(await questions.list()).toHaveLength(0);
    expect((await audit.recent(1))[0]).toMatchObject({
      actor: 'ou_admin',
      chatId: 'console',
      action: 'delete chat data',
      args: 'oc_gone',
      result: 'ok',
    });
  });

  it('streams document progress to a logged-in page, and ends the stream on close so shutdown is not held', async () => {
    const { cookie } = await login();
    const response = await fetch(`${base}/console/documents/events`, { headers: { cookie } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('event: state\ndata: {}\n\n');
    adminConsole.close();
    expect((await reader?.read())?.done).toBe(true);
    expect((await fetch(`${base}/console/documents/events`)).status).toBe(401);
  });

  it('logs out with the CSRF token, clearing the cookie', async () => {
    const { cookie, csrf } = await login();
    const out = await fetch(`${base}/console/logout`, {
      method: 'POST',
      headers: { cookie },
      body: new URLSearchParams({ _csrf: csrf }),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^pb_console=; Path=\/console; Max-Age=0; HttpOnly; SameSite=Strict/);
  });

  it('refuses a change from another site even with the right token, and rate-limits login attempts', async () => {
    const { cookie, csrf } = await login();
    const foreign = await fetch(`${base}/console/chats/delete`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
      body: new URLSearchParams({ chatId: 'oc_x', _csrf: csrf }),
      redirect: 'manual',
    });
    expect(foreign.status).toBe(403);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 12; attempt += 1) {
      statuses.push(
        (
          await fetch(`${base}/console/login/link`, {
            method: 'POST',
            body: new URLSearchParams({ token: 'guess' }),
            headers: { 'x-forwarded-for': '203.0.113.9' },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
  });
});
