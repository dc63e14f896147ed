import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendHistory, consoleCommands, consoleHelp, parseConsoleInput, readHistory, smallTalk } from '../../src/cli/console/index.js';
import { upcomingLines } from '../../src/cli/console/calendar-lines.js';
import { parseCalendarText } from '../../src/reminders/index.js';

describe('smallTalk', () => {
  it('recognises greetings and requests for help, with filler and punctuation', () => {
    for (const text of ['帮助', '帮助一下', '？', 'help', 'HELP!', '怎么用？'.replace('？', ''), '请帮助'])
      expect(smallTalk(text), text).toBe('help');
    for (const text of ['你好', '你好！', '您好。', 'hi', 'Hello', '在吗？']) expect(smallTalk(text), text).toBe('greeting');
  });

  it('leaves questions alone, even ones that start with a greeting', () => {
    for (const text of ['你好，南通计划打造多少个众创社区？', '帮助创业者的政策有哪些', '南通', ''])
      expect(smallTalk(text), text).toBeUndefined();
  });
});

describe('parseConsoleInput', () => {
  const commands = consoleCommands();
  it('finds commands by name and Chinese alias, full-width slash included, with their arguments', () => {
    expect(parseConsoleInput('/help', commands)).toMatchObject({ type: 'command', command: { name: 'help' } });
    expect(parseConsoleInput('／帮助', commands)).toMatchObject({ type: 'command', command: { name: 'help' } });
    expect(parseConsoleInput('/SOURCES', commands)).toMatchObject({ type: 'command', command: { name: 'sources' } });
    expect(parseConsoleInput('/exit', commands)).toMatchObject({ type: 'command', command: { name: 'quit' } });
    expect(parseConsoleInput('/reindex now', commands)).toMatchObject({ type: 'command', args: 'now' });
  });

  it('an unknown slash word is a command it does not know, never a question', () => {
    expect(parseConsoleInput('/frobnicate', commands)).toEqual({ type: 'unknown', word: 'frobnicate' });
    expect(parseConsoleInput('南通计划打造多少个众创社区？', commands)).toEqual({ type: 'question' });
  });

  it('the help lists every command', () => {
    const help = consoleHelp(commands);
    for (const name of ['/help', '/sources', '/docs', '/reindex', '/calendar', '/quit']) expect(help).toContain(name);
  });
});

describe('upcomingLines', () => {
  it('lists the next occurrences soonest first, leaving out what is over', () => {
    const entries = parseCalendarText(
      [
        'version: 1',
        'defaults: { remind: [0d], at: "09:00", chats: [subscribers] }',
        'entries:',
        '  - { id: late, title: 路演日, kind: custom, when: "2027-05-01" }',
        '  - { id: soon, title: 申报截止, kind: custom, when: "2027-01-10" }',
        '  - { id: over, title: 去年的活动, kind: custom, when: "2025-01-10" }',
      ].join('\n'),
      { file: 'calendar.yaml' },
    );
    expect(upcomingLines(entries, Date.parse('2026-12-02T00:00:00Z'), 'Asia/Shanghai')).toEqual([
      '2027-01-10 提醒 申报截止',
      '2027-05-01 提醒 路演日',
    ]);
  });
});

describe('console history', () => {
  it('keeps typed lines across sessions, newest first as readline wants them', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-bot-history-')), 'data', 'console-history.txt');
    expect(readHistory(file)).toEqual([]);
    appendHistory(file, '南通计划打造多少个众创社区？');
    appendHistory(file, '/sources');
    expect(readHistory(file)).toEqual(['/sources', '南通计划打造多少个众创社区？']);
  });
});
