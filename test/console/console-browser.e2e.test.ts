import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLinkToken } from '../../src/console/login-links.js';
import { ADMIN, launchBrowser, startConsoleBot, type ConsoleHarness } from './console-harness.js';

let harness: ConsoleHarness;
let browser: Browser;
let admin: BrowserContext;
let page: Page;

const DAY = 86_400_000;
const ANSWERED = '水晶晶青创新城的总体要求是什么？';
const REFUSED = '火星基地的氧气配额怎么申请？';
const XSS_QUESTION = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">怎么办';

/** Resolves once the question's answer was sent and recorded for the console. */
async function answered(messageId: string): Promise<void> {
  const { questions } = harness.running.bot.stores;
  let found = false;
  const deadline = Date.now() + 60_000;
  while (!found && Date.now() < deadline) {
    found = (await questions.list()).some((entry) => entry.id === messageId);
    if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!found) throw new Error(`no recorded answer to ${messageId}`);
}

/** Asks for a login link in a private chat and returns it. */
async function loginLink(sender = ADMIN): Promise<string> {
  const id = await harness.sendText(sender, '/console');
  return harness.fake.waitFor(
    () => {
      const reply = harness.fake.repliesTo(id)[0];
      return reply
        ? /\((http:\/\/[^)\s]+\/console\/login\/link\?token=[^)\s]+)\)/.exec(harness.fake.textOf(reply.messageId))?.[1]
        : undefined;
    },
    10_000,
    'the /console reply',
  );
}

/** The admin page, logged in with a link when it is not yet (so each test also runs alone). */
async function signedIn(): Promise<Page> {
  if ((await admin.cookies()).some((cookie) => cookie.name === 'pb_console')) return page;
  await page.goto(await loginLink());
  await page.click('#use-link');
  await page.waitForURL(`${harness.base}/console/`);
  return page;
}

async function errorCode(target: Page): Promise<string | null> {
  return target.locator('#error').getAttribute('data-code');
}

beforeAll(async () => {
  [harness, browser] = await Promise.all([startConsoleBot(), launchBrowser()]);
  // two real questions from chat, answered and refused
  const user = 'ou_user_1';
  const [, refused] = await Promise.all(
    [harness.sendText(user, ANSWERED), harness.sendText(user, REFUSED)].map(async (sent) => {
      const id = await sent;
      await answered(id);
      return id;
    }),
  );
  // 👎 on the refusal's card, through the real card callback
  const card = harness.fake.repliesTo(refused ?? '')[0];
  await harness.webhook.click(harness.fake, {
    messageId: card?.messageId ?? '',
    chatId: `oc_dm_${user}`,
    operatorId: user,
    value: { action: 'feedback', vote: 'down', ref: refused ?? '' },
  });
  const { questions } = harness.running.bot.stores;
  // earlier days for the chart, and a hostile question someone typed
  const now = Date.now();
  for (const [index, days] of [3, 5, 5, 12].entries()) {
    await questions.record({
      id: `om_old_${index}`,
      time: new Date(now - days * DAY).toISOString(),
      chatId: 'oc_group_1',
      question: index === 0 ? XSS_QUESTION : `往期问题 ${index}`,
      answer: '',
      answerable: index !== 0,
      mode: 'extractive',
      latencyMs: 300,
      sources: [],
    });
  }
  await questions.vote('om_old_0', 'down');
  admin = await browser.newContext();
  page = await admin.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

describe('admin console in a real browser', () => {
  it('sends a logged-out browser to the login page and refuses logged-out changes', async () => {
    const fresh = await fetch(`${harness.base}/console/questions`, { redirect: 'manual' });
    expect(fresh.status).toBe(303);
    expect(fresh.headers.get('location')).toBe('/console/login');
    const change = await fetch(`${harness.base}/console/documents/reindex`, { method: 'POST', headers: { 'x-csrf-token': 'x' } });
    expect(change.status).toBe(401);
    expect(
      harness.running.bot.stores && (await harness.running.bot.stores.audit.recent(50)).some((entry) => entry.action === 'reindex'),
    ).toBe(false);
  });

  it('logs in once with the link an admin gets from /console in a private chat', async () => {
    const link = await loginLink();
    await page.goto(link);
    await page.click('#use-link');
    await page.waitForURL(`${harness.base}/console/`);
    expect(await page.locator('h1').textContent()).toBe('概览');
    const [cookie] = await admin.cookies();
    expect(cookie).toMatchObject({ name: 'pb_console', httpOnly: true, sameSite: 'Strict', secure: false });
    // single use: a second browser with the same link is refused
    const other = await browser.newContext();
    const second = await other.newPage();
    await second.goto(link);
    await second.click('#use-link');
    expect(await errorCode(second)).toBe('link-used');
    expect(await other.cookies()).toEqual([]);
    await other.close();
  });

  it('refuses an expired link, a link in a group chat, and /console from a non-admin', async () => {
    const expired = issueLinkToken(harness.secret, ADMIN, Date.now() - 11 * 60_000);
    const response = await fetch(`${harness.base}/console/login/link?token=${expired}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('data-code="link-expired"');
    const forged = issueLinkToken('another-secret', ADMIN, Date.now());
    expect((await fetch(`${harness.base}/console/login/link?token=${forged}`)).status).toBe(400);
    const group = await harness.sendText(ADMIN, '/console', 'oc_group_1', 'group');
    await harness.fake.waitFor(
      () => harness.fake.repliesTo(group).some((reply) => harness.fake.textOf(reply.messageId).includes('只在私聊中发送')),
      10_000,
      'the group refusal',
    );
    const stranger = await harness.sendText('ou_stranger', '/console');
    const text = await harness.fake.waitFor(
      () => harness.fake.repliesTo(stranger).map((reply) => harness.fake.textOf(reply.messageId))[0],
      10_000,
      'the non-admin refusal',
    );
    expect(text).toContain('只有管理员');
    expect(text).not.toContain('/console/login/link');
  });

  it('logs in with Feishu (OAuth code → user_access_token → open_id) and refuses an open_id not in ADMIN_OPEN_IDS', async () => {
    const context = await browser.newContext();
    const feishu = await context.newPage();
    await feishu.goto(`${harness.base}/console/login`);
    await feishu.click('#feishu-login');
    await feishu.waitForURL(`${harness.base}/console/`);
    expect(await feishu.locator('h1').textContent()).toBe('概览');
    expect(harness.oauth.exchanges.at(-1)?.ok).toBe(true);
    await context.close();

    harness.oauth.openId = 'ou_stranger';
    const strangerContext = await browser.newContext();
    const stranger = await strangerContext.newPage();
    await stranger.goto(`${harness.base}/console/login`);
    await stranger.click('#feishu-login');
    expect(await errorCode(stranger)).toBe('forbidden');
    expect((await strangerContext.cookies()).some((cookie) => cookie.name === 'pb_console')).toBe(false);
    await stranger.goto(`${harness.base}/console/audit`);
    expect(stranger.url()).toBe(`${harness.base}/console/login`);
    await strangerContext.close();
    harness.oauth.openId = ADMIN;
  });

  it('shows the overview with 30 days of questions as a chart', async () => {
    await signedIn();
    await page.goto(`${harness.base}/console/`);
    const days = page.locator('#questions-chart svg g.day');
    expect(await days.count()).toBe(30);
    const today = days.last();
    expect(Number(await today.getAttribute('data-total'))).toBeGreaterThanOrEqual(2);
    expect(Number(await today.getAttribute('data-refused'))).toBeGreaterThanOrEqual(1);
    expect(await page.locator('#documents-count b').textContent()).toBe(String(harness.runtime.manifest().counts.documents));
    expect(await page.locator('#feishu b').textContent()).toBe('已连接');
  });

  it('filters refused questions, showing a hostile question as text', async () => {
    await signedIn();
    await page.goto(`${harness.base}/console/questions`);
    await page.check('input[name=refused]');
    await page.click('#filters button[type=submit]');
    await page.waitForURL(/refused=1/);
    const rows = page.locator('#questions tbody tr');
    const flags = await rows.evaluateAll((items) => items.map((item) => item.getAttribute('data-answerable')));
    expect(flags.length).toBeGreaterThanOrEqual(2);
    expect(new Set(flags)).toEqual(new Set(['0']));
    const text = await page.locator('#questions').textContent();
    expect(text).toContain(REFUSED);
    expect(text).not.toContain(ANSWERED);
    expect(text).toContain('<script>window.__xss=1</script>');
    // the group's name from the platform; a private chat has none and shows its id
    expect(text).toContain('青创交流群');
    expect(text).toContain('oc_dm_ou_user_1');
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    // 👎 from a card click shows on the question and filters it
    await page.goto(`${harness.base}/console/questions?down=1`);
    expect(await page.locator('#questions tbody tr').filter({ hasText: REFUSED }).locator('td[data-label="👍/👎"]').textContent()).toBe(
      '0 / 1',
    );
  });

  it('opens a recorded question in the inspector with scored passages, the verdict and the answer', async () => {
    await signedIn();
    await page.goto(`${harness.base}/console/questions?q=${encodeURIComponent('总体要求')}`);
    await page.click(`#questions a:has-text("${ANSWERED}")`);
    await page.waitForURL(/\/console\/inspect\?id=/);
    expect(await page.locator('#passages tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#answerable').textContent()).toBe('已回答');
    expect(await page.locator('#answer').textContent()).toContain('《');
    expect(await page.locator('#reading').textContent()).toContain(ANSWERED);
  });

  it('refuses a change with a wrong CSRF token', async () => {
    await signedIn();
    await page.goto(`${harness.base}/console/documents`);
    const status = await page.evaluate(
      async () => (await fetch('/console/documents/reindex', { method: 'POST', headers: { 'x-csrf-token': 'wrong' } })).status,
    );
    expect(status).toBe(403);
    await page.goto(`${harness.base}/console/reminders`);
    await page
      .locator('#calendar form input[name=_csrf]')
      .first()
      .evaluate((input) => input.setAttribute('value', 'tampered'));
    await page.locator('#calendar form button').first().click();
    expect(await errorCode(page)).toBe('csrf');
    const actions = (await harness.running.bot.stores.audit.recent(100)).map((entry) => entry.action);
    expect(actions).not.toContain('reindex');
    expect(actions).not.toContain('remind pause');
  });

  it('uploads a document, watches the re-index finish, shows its status and structure as text, then removes it', async () => {
    await signedIn();
    await page.goto(`${harness.base}/console/documents`);
    const hostile =
      '# 测试<script>window.__xss=3</script>创业补贴办法\n\n一、补贴对象\n\n[点我](javascript:window.__xss=4) 在测试区创业的青年可申请一次性创业补贴<b>五万元</b>。\n';
    await page.setInputFiles('#upload-file', { name: 'xss-test.md', mimeType: 'text/markdown', buffer: Buffer.from(hostile) });
    await page.click('#upload-form button[type=submit]');
    await page.locator('#job-text[data-state=done]', { hasText: 'upload' }).waitFor({ timeout: 90_000 });
    await page.locator('tr[data-name="xss-test.md"]').waitFor();
    expect(await page.locator('tr[data-name="xss-test.md"] td.status').textContent()).toBe('已索引');
    // the seed plan is a 征求意见稿: shown as a draft, with its issuer read from the file when the index has none
    expect(await page.locator('tr[data-name="000_3f696c61fb7e75d6.txt"] td.status').textContent()).toBe('征求意见稿');
    expect(await page.locator('#job-text').textContent()).toContain('新增 1');
    await page.click('tr[data-name="xss-test.md"] a');
    await page.waitForURL(/\/console\/document\?name=/);
    expect(await page.locator('#structure').textContent()).toContain('一、补贴对象');
    expect(await page.content()).toContain('&lt;script&gt;window.__xss=3');
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();

    await page.goto(`${harness.base}/console/documents`);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.click('tr[data-name="xss-test.md"] form.remove button');
    // the page after the redirect follows the removal's progress and reloads itself when it is done
    await page
      .locator('#job-text[data-state=done]', { hasText: 'remove' })
      .waitFor({ timeout: 90_000 })
      .catch(async (error: unknown) => {
        throw new Error(
          `at ${page.url()}: ${(
            await page
              .locator('main')
              .textContent({ timeout: 1_000 })
              .catch(() => '?')
          )?.slice(0, 300)}`,
          { cause: error },
        );
      });
    // a page rendered mid-removal reloads itself once it is done; reloading here settles it before the next test navigates
    await page.reload();
    await expect.poll(() => page.locator('tr[data-name="xss-test.md"]').count(), { timeout: 30_000 }).toBe(0);
    const actions = (await harness.running.bot.stores.audit.recent(20)).map((entry) => `${entry.action} ${entry.args} ${entry.result}`);
    expect(actions).toEqual(expect.arrayContaining(['upload xss-test.md ok', 'remove xss-test.md ok']));
  }, 200_000);

  it('pauses a reminder, and the audit page shows it with the console as its source', async () => {
    await signedIn();
    await page.goto(`${harness.base}/console/reminders`);
    const row = page
      .locator('#calendar tbody tr')
      .filter({ has: page.locator('button.pause') })
      .first();
    const id = await row.getAttribute('data-id');
    await row.locator('button.pause').click();
    await page.waitForURL(`${harness.base}/console/reminders`);
    expect(await page.locator(`#calendar tr[data-id="${id}"] td.status`).textContent()).toBe('已暂停');
    await page.goto(`${harness.base}/console/audit`);
    const first = await page.locator('#audit tbody tr').first().textContent();
    expect(first).toContain('remind pause');
    expect(first).toContain('控制台');
    expect(first).toContain(id ?? '?');
  });
});
