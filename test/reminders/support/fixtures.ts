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
