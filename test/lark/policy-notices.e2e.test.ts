// New-policy and expiry notices end to end through the Feishu channel: the real bot in webhook mode,
// the real notices (state file, send log, directory lock, scheduler) and the real Feishu sender
// against the strict fake Open Platform; the documents folder is a copy of seeds/ that the test
// changes through the real KnowledgeAdmin; the notices' clock is injected and the ticks are the test's.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BotStatus } from '../../src/lark/index.js';
import { createNotices, fileNoticeStores, withInForceMarks, type Notices } from '../../src/notices/index.js';
import type { CronStarter } from '../../src/reminders/index.js';
import { at } from '../reminders/support/fixtures.js';
import { ManualClock } from '../reminders/support/fake-sender.js';
import { FakeFeishu, messageEvent, platformEvent } from '../support/fake-feishu/index.js';
import { SEED } from '../support/seeds.js';
import { ServedLibrary } from '../notices/support/served-library.js';
import { SECRETS, startBot, type Harness } from '../support/lark-harness.js';
import { ScriptedAnswers } from './support/scripted-answers.js';

/** The scheduler is ticked by the test with the injected clock, never by node-cron. */
const manualCron: CronStarter = () => ({ stop: () => undefined });

/** One bot over a served library, with notices in `dataDir`; `restart` starts a fresh process's worth on the same folder. */
class NoticesBot {
  bot!: Harness;
  notices!: Notices;
  private counter = 0;

  constructor(
    readonly fake: FakeFeishu,
    readonly library: ServedLibrary,
    readonly clock: ManualClock,
    readonly dataDir: string,
    readonly environment: Record<string, string> = {},
  ) {}

  async start(): Promise<void> {
    const directory = join(this.dataDir, 'notices');
    this.notices = createNotices({
      settings: { directory, expiryCron: '0 9 * * 1', timeZone: 'Asia/Shanghai', catchUpMs: 6 * 3_600_000 },
      stores: fileNoticeStores(directory),
      clock: this.clock,
    });
    // served as src/main.ts serves it: with admins' 「仍然有效」 marks in the facts
    const status: BotStatus = {
      manifest: () => withInForceMarks(this.library.manifest, this.notices.service.inForceMarks()),
      answerMode: 'scripted',
      startedAt: Date.now(),
    };
    this.bot = await startBot({
      fake: this.fake,
      dataDir: this.dataDir,
      answers: new ScriptedAnswers(),
      status,
      environment: this.environment,
      notices: this.notices,
      noticeScheduler: { cron: manualCron },
      knowledge: this.library.knowledge,
    });
  }

  async restart(): Promise<void> {
    await this.bot.running.stop(2_000);
    await this.start();
  }

  async tick(): Promise<number> {
    const scheduler = this.bot.running.notices;
    if (!scheduler) throw new Error('the notices scheduler did not start');
    return (await scheduler.tick()).sent;
  }

  /** A group message that @mentions the bot; resolves with the reply's text. */
  async say(chatId: string, text: string, senderId = 'ou_admin'): Promise<string> {
    const messageId = `om_notice_${(this.counter += 1)}`;
    const response = await this.bot.webhook.post(
      messageEvent(this.fake, SECRETS.verificationToken, { messageId, chatId, chatType: 'group', mentionBot: true, text, senderId }),
    );
    expect(response.status).toBe(200);
    const reply = await this.fake.waitFor(() => this.fake.repliesTo(messageId)[0], 5_000, `the reply to ${text}`);
    return this.fake.textOf(reply.messageId);
  }
}

describe('new-policy cards to subscribed groups', () => {
  let fake: FakeFeishu;
  let library: ServedLibrary;
  let bot: NoticesBot;
  const replies: Record<string, string> = {};

  beforeAll(async () => {
    fake = await FakeFeishu.start();
    library = new ServedLibrary([SEED.lucheng, SEED.nantong]);
    bot = new NoticesBot(
      fake,
      library,
      new ManualClock(at('2026-12-02 10:00')),
      join(mkdtempSync(join(tmpdir(), 'lark-notices-')), 'data'),
    );
    await bot.start();
    replies.member = await bot.say('oc_quiet', '/subscribe policies', 'ou_member');
    replies.subscribe = await bot.say('oc_sub', '/subscribe policies');
    replies.again = await bot.say('oc_sub', '/订阅 政策');
    replies.reminders = await bot.say('oc_sub', '/subscribe');
    await bot.say('oc_sub', '孵化器运营有什么奖励？', 'ou_member');
  }, 60_000);

  afterAll(async () => {
    await bot?.bot.running.stop(2_000);
    await fake?.close();
  });

  it('only admins subscribe; the reply says the documents already there are not sent', async () => {
    expect(replies.member).toContain('只有管理员');
    expect(replies.subscribe).toContain('本群已订阅新政策通知');
    expect(replies.subscribe).toContain('已收录的 3 份文件不会补发');
    expect(replies.again).toContain('已经订阅');
    // plain /subscribe is still the reminders' command (here: not enabled)
    expect(replies.reminders).toContain('/subscribe policies');
    expect(await bot.tick()).toBe(0);
    expect(fake.posted()).toEqual([]);
  });

  it('a newly indexed document reaches the subscribed group once, with the measures it asked about, cited', async () => {
    await library.add(SEED.lucheng);
    expect(await bot.tick()).toBe(1);
    expect(await bot.tick()).toBe(0);
    const [card, ...more] = fake.postedTo('oc_sub');
    expect(more).toEqual([]);
    expect(fake.postedTo('oc_quiet')).toEqual([]);
    const text = fake.textOf(card!.messageId);
    const facts = library.manifest.documents[SEED.lucheng]?.facts;
    expect(text).toContain(facts!.title);
    expect(text).toContain(`**执行期**：${facts!.period!.text}`);
    expect(text).toContain('**状态**：有效');
    expect(text).toContain('与本群关注相关的措施');
    const quotes = text.split('\n').filter((line) => /^「.+」$/.test(line));
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    expect(quotes.length).toBeLessThanOrEqual(5);
    expect(quotes.filter((quote) => quote.includes('孵化')).length).toBeGreaterThanOrEqual(3);
    expect(text).toMatch(/出处：三、重点工作 › /);
  });

  it('is not sent again after a restart', async () => {
    const before = fake.posted().length;
    await bot.restart();
    expect(await bot.tick()).toBe(0);
    expect(fake.posted()).toHaveLength(before);
  });

  it('a group that subscribes later gets only what is new to it; one that unsubscribed gets nothing', async () => {
    expect(await bot.say('oc_late', '/subscribe policies')).toContain('已收录的 4 份文件不会补发');
    expect(await bot.say('oc_sub', '/unsubscribe policies')).toContain('已取消');
    await library.add(SEED.nantong);
    expect(await bot.tick()).toBe(1);
    expect(fake.postedTo('oc_sub')).toHaveLength(1);
    const [late] = fake.postedTo('oc_late');
    expect(fake.textOf(late!.messageId)).toContain('南通');
    expect(fake.textOf(late!.messageId)).toContain('已到期');
    expect(fake.postedTo('oc_quiet')).toEqual([]);
  });

  it('a group the bot was removed from is dropped from the subscriptions', async () => {
    const removed = platformEvent(fake, SECRETS.verificationToken, 'im.chat.member.bot.deleted_v1', {
      chat_id: 'oc_late',
      operator_id: { open_id: 'ou_owner' },
      external: false,
    });
    expect((await bot.bot.webhook.post(removed)).status).toBe(200);
    await bot.bot.running.bot.settled();
    // (added back) it subscribes afresh, with the documents served now as its starting point
    expect(await bot.say('oc_late', '/subscribe policies')).toContain('本群已订阅新政策通知');
  });

  it('the subscription changes are in the audit log', async () => {
    const entries = await bot.bot.running.bot.stores.audit.recent(20);
    expect(entries.map((entry) => `${entry.chatId} ${entry.action} ${entry.actor}`)).toEqual(
      expect.arrayContaining([
        'oc_sub subscribe policies ou_admin',
        'oc_late subscribe policies ou_admin',
        'oc_sub unsubscribe policies ou_admin',
        'oc_late unsubscribe policies ou_owner',
      ]),
    );
  });
});

describe('the weekly expiry card to the admin chat', () => {
  let fake: FakeFeishu;
  let library: ServedLibrary;
  let bot: NoticesBot;
  const clock = new ManualClock(at('2027-12-20 08:59'));

  beforeAll(async () => {
    fake = await FakeFeishu.start();
    library = new ServedLibrary();
    bot = new NoticesBot(fake, library, clock, join(mkdtempSync(join(tmpdir(), 'lark-expiry-')), 'data'), { ADMIN_CHAT_IDS: 'oc_admin' });
    await bot.start();
  }, 60_000);

  afterAll(async () => {
    await bot?.bot.running.stop(2_000);
    await fake?.close();
  });

  const expiryCard = () => {
    const cards = fake.postedTo('oc_admin');
    return cards[cards.length - 1]!;
  };

  it('comes at Monday 09:00, once a week, listing what expires within 30 days and what expired but is served', async () => {
    expect(await bot.tick()).toBe(0);
    clock.set(at('2027-12-20 09:00'));
    expect(await bot.tick()).toBe(1);
    clock.set(at('2027-12-20 14:00'));
    expect(await bot.tick()).toBe(0);
    await bot.restart();
    expect(await bot.tick()).toBe(0);
    expect(fake.posted().map((message) => message.chatId)).toEqual(['oc_admin']);
    const text = fake.textOf(expiryCard().messageId);
    expect(text).toContain('2027-W51');
    expect(text).toContain('即将到期（2）');
    expect(text).toContain('2027-12-31 到期，还有 11 天');
    expect(text).toContain('已过期仍在提供（1）');
    expect(text).toContain('南通');
  });

  it('「仍然有效」 is for admins: it marks the document, answers and lists stop calling it expired, and the card shows it', async () => {
    const card = expiryCard();
    const refused = await bot.bot.webhook.click(fake, {
      messageId: card.messageId,
      chatId: 'oc_elsewhere',
      operatorId: 'ou_member',
      value: { action: 'expiry-keep', source: SEED.nantong, week: '2027-W51' },
    });
    expect(JSON.stringify(refused.body)).toContain('只有管理员');
    expect(bot.notices.service.inForceMarks().size).toBe(0);
    const kept = await bot.bot.webhook.click(fake, {
      messageId: card.messageId,
      chatId: 'oc_admin',
      operatorId: 'ou_member',
      value: { action: 'expiry-keep', source: SEED.nantong, week: '2027-W51' },
    });
    expect(kept.body).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
    const after = fake.textOf(card.messageId);
    expect(after).toContain('仍然有效：回答不再提示它已到期');
    expect(after).not.toContain('已过期仍在提供');
    const sources = await bot.say('oc_admin', '/sources', 'ou_member');
    const nantongLine = sources.split('\n').find((line) => line.includes('南通'));
    expect(nantongLine).toContain('管理员已确认仍有效');
    expect(nantongLine).not.toContain('已到期');
  });

  it('「移除」 removes the document through the knowledge admin and updates the card when done; both actions are audited', async () => {
    const card = expiryCard();
    const removing = await bot.bot.webhook.click(fake, {
      messageId: card.messageId,
      chatId: 'oc_admin',
      operatorId: 'ou_admin',
      value: { action: 'expiry-remove', source: SEED.lucheng, week: '2027-W51' },
    });
    expect(JSON.stringify(removing.body)).toContain('正在移除');
    await bot.bot.running.bot.settled();
    expect(library.manifest.documents[SEED.lucheng]).toBeUndefined();
    const after = fake.textOf(card.messageId);
    expect(after).toContain('并重建索引。');
    expect(after).toContain('即将到期（1）');
    const entries = await bot.bot.running.bot.stores.audit.recent(10);
    expect(entries.map((entry) => `${entry.action} ${entry.args} ${entry.result}`)).toEqual(
      expect.arrayContaining([`expiry keep ${SEED.nantong} ok`, `expiry remove ${SEED.lucheng} ok`]),
    );
  });

  it('after the period’s end, the next week lists the document under 已过期仍在提供', async () => {
    clock.set(at('2028-01-03 09:00'));
    expect(await bot.tick()).toBe(1);
    const text = fake.textOf(expiryCard().messageId);
    expect(text).toContain('2028-W01');
    expect(text).not.toContain('即将到期');
    expect(text).toContain('已过期仍在提供（1）');
    expect(text).toContain(library.manifest.documents[SEED.bozhong]!.facts!.title);
    expect(text).toContain('已于 2027-12-31 到期');
  });
});
