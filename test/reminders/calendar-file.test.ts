import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPast, loadCalendarFile, nextOccurrence, parseCalendarText, RemindersError } from '../../src/reminders/index.js';
import type { ParsedDocument } from '../../src/ingest/index.js';
import { parseSeed, SEED } from '../support/seeds.js';
import { at, TZ } from './support/fixtures.js';

const CALENDAR = join(import.meta.dirname, '..', '..', 'knowledge', 'calendar.yaml');

function problemsOf(text: string, groups: Record<string, string[]> = {}): string[] {
  try {
    parseCalendarText(text, { file: 'calendar.yaml', groups });
  } catch (error) {
    if (error instanceof RemindersError && error.code === 'calendar-invalid') return error.problems;
    throw error;
  }
  return [];
}

describe('calendar file validation', () => {
  it('names the line, the path and the fix of every schema problem', () => {
    const problems = problemsOf(`version: 1
entries:
  - id: contest
    title: 青创大赛
    kind: activity
    when: 2025-13
    lead_department: 区人力社保局
    source: {source: 000.txt, section: 附件3, quote: 原文}
  - id: ddl
    title: 截止
    kind: meeting
    when: 2025-03-01
    remind: [14d, soon]
    at: "25:00"
    source: {source: 000.txt, section: 附件3, quote: 原文}
`);
    expect(problems).toEqual([
      expect.stringMatching(/^calendar\.yaml:6: entries\[0\]\.when \(id contest\): "2025-13" is not a time; use .*待定 2025/),
      expect.stringMatching(/^calendar\.yaml:7: entries\[0\]\.lead_department \(id contest\): Unrecognized key/),
      expect.stringMatching(/^calendar\.yaml:11: entries\[1\]\.kind \(id ddl\): /),
      expect.stringMatching(/^calendar\.yaml:13: entries\[1\]\.remind\[1\] \(id ddl\): "soon" is not a reminder offset/),
      expect.stringMatching(/^calendar\.yaml:14: entries\[1\]\.at \(id ddl\): "25:00" is not a time of day/),
    ]);
  });

  it('checks across fields: duplicate ids, missing sources, hour offsets on dates, unknown groups', () => {
    const problems = problemsOf(
      `version: 1
entries:
  - id: a
    title: 活动
    kind: activity
    when: 2025-04
  - id: a
    title: 截止
    kind: deadline
    when: 2025-03-01
    remind: [2h]
    chats: [staff, startups, oc_abc]
    source: {source: 000.txt, section: 附件3, quote: 原文}
`,
      { staff: ['oc_1'] },
    );
    expect(problems).toEqual([
      'calendar.yaml:3: entries[0] (id a): activity entries cite their source: source: {source, section, quote}',
      'calendar.yaml:7: entries[1].id (id a): duplicate id "a" (first used by entries[0])',
      expect.stringMatching(/^calendar\.yaml:11: entries\[1\]\.remind\[0\] \(id a\): "2h" counts hours or minutes before an exact time/),
      expect.stringMatching(
        /^calendar\.yaml:12: entries\[1\]\.chats\[1\] \(id a\): unknown chat group "startups": define it in REMINDER_GROUPS/,
      ),
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('version: 1\nentries:\n  - id: a\n    title: [unclosed\n    kind: activity\n')).toEqual([
      expect.stringMatching(/^calendar\.yaml:\d+: /),
    ]);
  });
});

describe('the committed calendar (knowledge/calendar.yaml)', () => {
  const { entries, found } = loadCalendarFile(CALENDAR);

  it('is valid and holds the ten 附件3 activities of 2025 and the 到2027年底 / 到2020年底 targets', () => {
    expect(found).toBe(true);
    const activities = entries.filter((entry) => entry.source?.section.startsWith('附件3'));
    expect(activities).toHaveLength(10);
    expect(
      activities.map((entry) =>
        entry.when.type === 'tbd'
          ? `待定 ${entry.when.year}`
          : entry.when.type === 'window'
            ? `${entry.when.start.year}-${entry.when.start.month}..${entry.when.end.month}`
            : '?',
      ),
    ).toEqual([
      '2025-3..10',
      '2025-1..12',
      '2025-4..11',
      '2025-4..4',
      '2025-7..8',
      '待定 2025',
      '待定 2025',
      '待定 2025',
      '待定 2025',
      '待定 2025',
    ]);
    const deadlines = entries
      .filter((entry) => entry.kind === 'deadline')
      .map((entry) => `${entry.source?.source.slice(0, 3)} ${entry.when.type === 'date' ? entry.when.date.year : ''}`);
    expect(deadlines).toEqual(['001 2027', '001 2027', '002 2027', '004 2020']);
  });

  it('cites every source verbatim (a quote is in the document, or is its table row)', () => {
    const documents = new Map<string, ParsedDocument>(Object.values(SEED).map((file) => [file, parseSeed(file)]));
    for (const entry of entries) {
      const document = entry.source ? documents.get(entry.source.source) : undefined;
      expect(document, entry.id).toBeDefined();
      const text = readFileSync(join(import.meta.dirname, '..', '..', 'seeds', entry.source?.source ?? ''), 'utf8');
      const rows = document?.blocks.map((block) => block.spans.map((span) => span.text).join('')) ?? [];
      expect(text.includes(entry.source?.quote ?? '∅') || rows.includes(entry.source?.quote ?? '∅'), entry.id).toBe(true);
      expect(document?.meta.title).toBe(entry.source?.title);
    }
  });

  it('on 2026-11-23 the 2025 activities and the 2020 target are past; only the 2027 targets lie ahead', () => {
    const now = at('2026-11-23 10:00');
    const ahead = entries.filter((entry) => !isPast(entry, now, TZ)).map((entry) => entry.id);
    expect(ahead).toEqual(['001-ddl-2027', '001-ddl-2027-2', '002-ddl-2027']);
    expect(entries.filter((entry) => nextOccurrence(entry, now, TZ)).map((entry) => entry.id)).toEqual(ahead);
  });
});
