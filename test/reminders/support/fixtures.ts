import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EMPTY_AUDIENCE,
  parseCalendarText,
  parseCron,
  type Audience,
  type Calendar,
  type CalendarEntry,
  type CronFields,
  type DueOptions,
} from '../../../src/reminders/index.js';

export const TZ = 'Asia/Shanghai';

/** An instant from Shanghai wall-clock time: at('2026-11-23 09:00'). */
export function at(text: string): number {
  const [date = '', time = '00:00'] = text.split(' ');
  return Date.parse(`${date}T${time}:00+08:00`);
}

/** Parses calendar YAML entries (the `entries:` list body) with the real validator. */
export function entries(yamlEntries: string, groups: Record<string, string[]> = {}): CalendarEntry[] {
  return parseCalendarText(`version: 1\nentries:\n${yamlEntries}`, { file: 'test.yaml', groups });
}

/** A calendar of the given entries. */
export function calendar(yamlEntries: string, groups: Record<string, string[]> = {}): Calendar {
  return { entries: entries(yamlEntries, groups) };
}

export const SOURCE = '    source: {source: 000_3f696c61fb7e75d6.txt, section: 附件3, quote: 原文}\n';

/** One entry in YAML, with a source. */
export function entry(fields: Record<string, string>): string {
  const lines = Object.entries(fields).map(([key, value], index) => `${index === 0 ? '  - ' : '    '}${key}: ${value}`);
  return `${lines.join('\n')}\n${SOURCE}`;
}

export function cronFields(expression = '0 9 * * 1'): CronFields {
  const parsed = parseCron(expression);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.fields;
}

export function audience(subscribed: string[], extra: Partial<Audience> = {}): Audience {
  return { ...EMPTY_AUDIENCE, subscribed, ...extra };
}

/** Due options with the defaults of the settings (6 h catch-up, Monday 09:00 digest of 30 days). */
export function dueOptions(subscribed: string[], extra: Partial<DueOptions> = {}): DueOptions {
  return { timeZone: TZ, catchUpMs: 6 * 3_600_000, audience: audience(subscribed), digest: { fields: cronFields(), days: 30 }, ...extra };
}

/** A fresh temporary folder, removed by the returned function. */
export function temporaryDirectory(prefix = 'reminders-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A calendar entry's source line, quoting the test plan's activity table. */
export const planSource = (quote: string): string =>
  `    source: {source: 000_3f696c61fb7e75d6.txt, title: 测试计划, section: 附件3 › 主要活动安排, quote: ${quote}}\n`;

/** Calendar YAML with the usual defaults (14, 3 and 0 days ahead) around the given entries. */
export function calendarYaml(yamlEntries: string): string {
  return `version: 1\ndefaults:\n  remind: [14d, 3d, 0d]\nentries:\n${yamlEntries}`;
}

/** The simulated weeks' calendar: a roadshow window, a staff-only deadline, a demo day, an undated contest. */
export const WEEK_ENTRIES = `  - id: roadshow-series
    title: 青创路演季
    kind: activity
    when: 2026-12-01..2026-12-20
    lead: 区人力社保局
${planSource('路演季 12月')}
  - id: apply-deadline
    title: 青创项目申报截止
    kind: deadline
    when: 2026-12-03
    remind: [3d, 0d]
    chats: [staff]
    lead: 区科技局
${planSource('申报截止')}
  - id: demo-day
    title: 创投对接会
    kind: activity
    when: "2026-12-02 14:00"
    remind: [1d, 2h]
    contact: 王老师 0572-1234567
${planSource('对接会')}
  - id: village-contest
    title: 乡村文旅创客大赛
    kind: activity
    when: 待定
    lead: 区文广旅体局
${planSource('待定')}
`;
