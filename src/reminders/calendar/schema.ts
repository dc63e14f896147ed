import { z } from 'zod';
import { parseOffset, parseTimeOfDay } from './offsets.js';
import { SUBSCRIBERS, type CalendarEntry, type ReminderOffset } from './types.js';
import { parseWhen } from './when.js';

/** Offsets used when neither the entry nor the file's `defaults` name any: 14 days, 3 days, the day itself. */
const DEFAULT_OFFSETS = ['14d', '3d', '0d'];
/** Default time of day for day offsets. */
const DEFAULT_AT = '09:00';
/** Ids of the form c12 belong to reminders added in chats with `/remind add`. */
const CHAT_ID_PATTERN = /^c\d+$/;
/** A Feishu chat id. */
const CHAT_ID = /^oc_[A-Za-z0-9_-]+$/;

const text = z.string().trim().min(1, 'must not be empty');

const whenField = z.union([z.string(), z.number()]).transform((value, context) => {
  const parsed = parseWhen(value);
  if (parsed.ok) return parsed.value;
  context.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

const offsetField = z.union([z.string(), z.number()]).transform((value, context): ReminderOffset => {
  const parsed = parseOffset(value);
  if (parsed.ok) return parsed.value;
  context.addIssue({ code: 'custom', message: parsed.message });
  return z.NEVER;
});

const timeField = z.string().transform((value, context) => {
  const parsed = parseTimeOfDay(value);
  if (parsed) return parsed;
  context.addIssue({ code: 'custom', message: `"${value}" is not a time of day such as "09:00" (quote it in YAML)` });
  return z.NEVER;
});

const sourceSchema = z.strictObject({ source: text, title: text.optional(), section: text, quote: text });

const entrySchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "-" and "_" (it is typed in /remind pause ID)'),
  title: text,
  kind: z.enum(['activity', 'deadline', 'custom']),
  when: whenField,
  remind: z.array(offsetField).optional(),
  at: timeField.optional(),
  chats: z.array(text).min(1).optional(),
  lead: text.optional(),
  host: text.optional(),
  contact: text.optional(),
  note: text.optional(),
  status: z.enum(['active', 'paused']).optional(),
  source: sourceSchema.optional(),
});

const defaultsSchema = z.strictObject({
  remind: z.array(offsetField).optional(),
  at: timeField.optional(),
  chats: z.array(text).min(1).optional(),
});

/** The calendar file as written (before defaults are applied). */
export const calendarFileSchema = z.strictObject({
  version: z.literal(1),
  defaults: defaultsSchema.optional(),
  entries: z.array(entrySchema).default([]),
});

type CalendarFile = z.infer<typeof calendarFileSchema>;

/** A problem found after the schema passed, with the path it belongs to. */
interface CalendarIssue {
  path: Array<string | number>;
  message: string;
}

/** The checks that span fields: unique ids, cited sources, offsets that fit the time, known chat groups. */
export function checkCalendar(file: CalendarFile, groups: Readonly<Record<string, readonly string[]>>): CalendarIssue[] {
  const issues: CalendarIssue[] = [];
  const seen = new Map<string, number>();
  const checkChats = (chats: string[] | undefined, path: Array<string | number>): void => {
    chats?.forEach((chat, index) => {
      if (chat === SUBSCRIBERS || CHAT_ID.test(chat) || groups[chat]) return;
      issues.push({
        path: [...path, index],
        message: `unknown chat group "${chat}": define it in REMINDER_GROUPS (name=oc_…), or use "${SUBSCRIBERS}" or a chat id (oc_…)`,
      });
    });
  };
  checkChats(file.defaults?.chats, ['defaults', 'chats']);
  file.entries.forEach((entry, index) => {
    const first = seen.get(entry.id);
    if (first !== undefined)
      issues.push({ path: ['entries', index, 'id'], message: `duplicate id "${entry.id}" (first used by entries[${first}])` });
    else seen.set(entry.id, index);
    if (CHAT_ID_PATTERN.test(entry.id))
      issues.push({ path: ['entries', index, 'id'], message: `ids like "${entry.id}" are reserved for /remind add` });
    if (entry.kind !== 'custom' && !entry.source) {
      issues.push({ path: ['entries', index], message: `${entry.kind} entries cite their source: source: {source, section, quote}` });
    }
    (entry.remind ?? []).forEach((offset, offsetIndex) => {
      if (offset.type === 'before' && entry.when.type !== 'exact') {
        issues.push({
          path: ['entries', index, 'remind', offsetIndex],
          message: `"${offset.text}" counts hours or minutes before an exact time; this entry has no time of day (use days, e.g. "1d")`,
        });
      }
    });
    checkChats(entry.chats, ['entries', index, 'chats']);
  });
  return issues;
}

/** Applies the file's defaults: the entries the scheduler uses. */
export function toEntries(file: CalendarFile): CalendarEntry[] {
  const defaultOffsets =
    file.defaults?.remind ??
    DEFAULT_OFFSETS.map((offset) => {
      const parsed = parseOffset(offset);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    });
  const defaultAt = file.defaults?.at ?? parseTimeOfDay(DEFAULT_AT) ?? { hour: 9, minute: 0 };
  return file.entries.map((entry) => ({
    id: entry.id,
    title: entry.title,
    kind: entry.kind,
    when: entry.when,
    remind: (entry.remind ?? defaultOffsets).filter((offset) => offset.type === 'days' || entry.when.type === 'exact'),
    at: entry.at ?? defaultAt,
    chats: entry.chats ?? file.defaults?.chats ?? [SUBSCRIBERS],
    ...(entry.lead ? { lead: entry.lead } : {}),
    ...(entry.host ? { host: entry.host } : {}),
    ...(entry.contact ? { contact: entry.contact } : {}),
    ...(entry.note ? { note: entry.note } : {}),
    ...(entry.source ? { source: entry.source } : {}),
    status: entry.status ?? 'active',
    origin: 'file',
  }));
}
