// `npm run screenshots`: every console page at 1280 px and 390 px (phone) wide, as PNGs in
// screenshots/ (git-ignored). Runs the same bot the browser tests run: seed index, fake Open Platform.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ADMIN, launchBrowser, startConsoleBot } from '../test/console/console-harness.js';

const OUT = process.argv[2] ?? 'screenshots';
const DAY = 86_400_000;
const QUESTIONS = [
  '水晶晶青创新城的总体要求是什么？',
  '青年入乡发展有哪些支持？',
  '火星基地的氧气配额怎么申请？',
  '创业担保贷款的额度是多少？',
];

/** The whole page, cut at 2,400 px (long lists go on below). */
async function shoot(page: Page, path: string): Promise<void> {
  const height = await page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight,
  );
  const width = page.viewportSize()?.width ?? 1280;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width, height: Math.min(height, 2_400) } });
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const harness = await startConsoleBot();
  const browser = await launchBrowser();
  try {
    const { questions } = harness.running.bot.stores;
    const sent = await Promise.all(QUESTIONS.map((question, index) => harness.sendText(`ou_user_${index}`, question)));
    for (let waited = 0; waited < 600; waited += 1) {
      const recorded = new Set((await questions.list()).map((entry) => entry.id));
      if (sent.every((id) => recorded.has(id))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // a month of history for the chart
    const now = Date.now();
    for (let day = 1; day < 30; day += 1) {
      const count = 2 + ((day * 7) % 9);
      for (let index = 0; index < count; index += 1) {
        const refused = (day + index) % 4 === 0;
        const id = `om_history_${day}_${index}`;
        await questions.record({
          id,
          time: new Date(now - day * DAY - index * 3600_000).toISOString(),
          chatId: `oc_group_${index % 3}`,
          question: refused ? `人才公寓的租金补贴${index % 2 === 0 ? '怎么申请' : '申请条件是什么'}？` : (QUESTIONS[index % 2] ?? ''),
          answer: refused ? '' : '根据《南浔区全面建设“水晶晶青创新城”提升年行动计划》……',
          answerable: !refused,
          mode: 'extractive',
          latencyMs: 400 + index * 50,
          sources: [],
        });
        if (index % 5 === 0) await questions.vote(id, refused ? 'down' : 'up');
      }
    }
    const request = await harness.sendText(ADMIN, '/console');
    const link = await harness.fake.waitFor(() => {
      const reply = harness.fake.repliesTo(request)[0];
      return reply ? /\((http[^)\s]+)\)/.exec(harness.fake.textOf(reply.messageId))?.[1] : undefined;
    });
    const firstDocument = Object.keys(harness.runtime.manifest().documents)[0] ?? '';
    const pages: Array<[string, string]> = [
      ['overview', '/console/'],
      ['questions', '/console/questions'],
      ['gaps', '/console/gaps'],
      ['inspector', `/console/inspect?q=${encodeURIComponent(QUESTIONS[0] ?? '')}`],
      ['documents', '/console/documents'],
      ['document', `/console/document?name=${encodeURIComponent(firstDocument)}`],
      ['reminders', '/console/reminders'],
      ['audit', '/console/audit'],
    ];
    const context = await browser.newContext({ deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${harness.base}/console/login`);
    await shoot(page, join(OUT, 'login-1280.png'));
    await page.goto(link);
    await page.click('#use-link');
    await page.waitForURL(`${harness.base}/console/`);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: width > 600 ? 800 : 844 });
      for (const [name, path] of pages) {
        await page.goto(`${harness.base}${path}`);
        await shoot(page, join(OUT, `${name}-${width}.png`));
      }
    }
    // the two for docs/: one screen each at 1280 px
    await page.setViewportSize({ width: 1280, height: 860 });
    for (const [name, path] of [
      ['console-overview', '/console/'],
      ['console-questions', '/console/questions'],
    ] as const) {
      await page.goto(`${harness.base}${path}`);
      await page.screenshot({ path: join(OUT, `${name}.png`) });
    }
    await context.close();
    process.stdout.write(`wrote ${pages.length * 2 + 3} screenshots to ${OUT}/\n`);
  } finally {
    await browser.close();
    await harness.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
