import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { calendarCheckCommand, calendarExtractCommand } from '../../../src/cli/commands/calendar-command.js';
import { remindersPreviewCommand, remindersSendTestCommand } from '../../../src/cli/commands/reminders-command.js';
import { silentLogger } from '../../../src/log/index.js';
import { fileReminderStores, loadRemindersSettings, SendError, type RemindersSettings } from '../../../src/reminders/index.js';
import { cardTitle, FakeSender, ManualClock } from '../../reminders/support/fake-sender.js';
import { at, temporaryDirectory } from '../../reminders/support/fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let directory: { path: string; remove: () => void };
let settings: RemindersSettings;
let stdout: string;
let stderr: string;

beforeEach(() => {
  directory = temporaryDirectory('reminders-cli-');
  settings = loadRemindersSettings({ DATA_DIR: directory.path, CALENDAR_FILE: join(ROOT, 'knowledge', 'calendar.yaml') });
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  directory.remove();
});

describe('calendar commands', () => {
  it('extract writes a review file next to the calendar (here: a temporary one) and says what it found', async () => {
    const out = join(directory.path, 'calendar.proposed.yaml');
    const empty = { ...settings, calendarFile: join(directory.path, 'calendar.yaml') };
    expect(await calendarExtractCommand({ docsDir: join(ROOT, 'seeds'), settings: empty, logger: silentLogger }, { out })).toBe(0);
    expect(stdout).toBe(`${out}\n`);
    expect(stderr).toContain('Proposed 13 entries (10 activity, 3 deadline) from 5 documents');
    expect(readFileSync(out, 'utf8')).toContain('title: 第二届“在湖州看见美丽中国”青创大赛');
  });

  it('check validates the committed calendar and summarises it as of today', async () => {
    expect(await calendarCheckCommand({ docsDir: 'seeds', settings, logger: silentLogger, now: at('2026-11-23 10:00') })).toBe(0);
    expect(stdout).toMatch(/14 entries valid — 3 upcoming or in progress, 0 时间待定, 11 past \(as of 2026-11-23\)/);
  });
});

describe('reminders commands', () => {
  it('preview prints every send and when; the 2025 activities are past and show nothing', async () => {
    const clock = new ManualClock(at('2026-11-23 10:00'));
    expect(
      await remindersPreviewCommand(
        { settings, logger: silentLogger, clock, stores: fileReminderStores(settings.directory) },
        { to: '2027-12-31' },
      ),
    ).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^Sends from .* \(Asia\/Shanghai\); 13 to send\.$/);
    expect(lines).toContain(
      '2027-12-01 09:00 周三  提醒  <订阅群>  001-ddl-2027  30d · 2027-12-31  “播种计划”目标：到2027年底建成科技型产业园100个以上、省级专精特新园区30个以上',
    );
    expect(lines.filter((line) => line.includes('  摘要  '))).toHaveLength(4);
    expect(stdout).not.toMatch(/000-act-0[1-5]/);
    expect(stdout).toContain('时间待定（从不排期）: 000-act-06');
  });

  it('preview over 2025 shows the 附件3 schedule as it would have run', async () => {
    await remindersPreviewCommand(
      { settings, logger: silentLogger, stores: fileReminderStores(settings.directory) },
      { from: '2025-02-15', to: '2025-03-01', json: true },
    );
    const sends = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { at: string; entry: string; occurrence: string });
    expect(sends.filter((send) => send.entry === '000-act-01').map((send) => `${send.at} ${send.occurrence}`)).toEqual([
      '2025-02-15T01:00:00.000Z start@2025-03-01/14d',
      '2025-02-26T01:00:00.000Z start@2025-03-01/3d',
      '2025-03-01T01:00:00.000Z start@2025-03-01/0d',
    ]);
  });

  it('send-test posts one sample card through the given Sender and reports the message id or the error', async () => {
    const clock = new ManualClock(at('2026-11-23 10:00'));
    const sender = new FakeSender(clock);
    expect(
      await remindersSendTestCommand(
        { settings, logger: silentLogger, clock, sender, stores: fileReminderStores(settings.directory) },
        { chat: 'oc_test' },
      ),
    ).toBe(0);
    expect(sender.in('oc_test').map((message) => cardTitle(message.card))).toEqual([
      expect.stringMatching(/^【测试】截止提醒：“播种计划”目标/),
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ ok: true, chat: 'oc_test', messageId: 'om_fake_1' });
    sender.failNext(1, new SendError('chat-unavailable', 'bot is not in this chat', { platformCode: 230002 }));
    expect(
      await remindersSendTestCommand(
        { settings, logger: silentLogger, clock, sender, stores: fileReminderStores(settings.directory) },
        { chat: 'oc_elsewhere' },
      ),
    ).toBe(1);
    expect(stderr).toContain('send failed: chat-unavailable: bot is not in this chat');
  });
});
