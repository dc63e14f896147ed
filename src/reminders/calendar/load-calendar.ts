import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { RemindersError } from '../errors.js';
import { calendarFileSchema, checkCalendar, toEntries } from './schema.js';
import type { CalendarEntry } from './types.js';
import { formatPath, lineOf, type IssuePath } from './yaml-positions.js';

/**
 * Validates calendar YAML text: syntax, the zod schema and the cross-field checks, every problem as
 * `file:line: path: message` so an admin can jump to it. Throws RemindersError('calendar-invalid').
 */
export function parseCalendarText(
  yamlText: string,
  options: { file: string; groups?: Readonly<Record<string, readonly string[]>> },
): CalendarEntry[] {
  const counter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map(
      (error) => `${options.file}:${error.linePos?.[0].line ?? 1}: ${error.message.split('\n')[0] ?? error.code}`,
    );
    throw new RemindersError('calendar-invalid', `${options.file} is not valid YAML`, problems);
  }
  const located = (path: IssuePath, message: string): string => {
    const entryIndex = path[0] === 'entries' && typeof path[1] === 'number' ? path[1] : undefined;
    const id = entryIndex === undefined ? undefined : document.getIn(['entries', entryIndex, 'id']);
    const label = typeof id === 'string' || typeof id === 'number' ? ` (id ${id})` : '';
    return `${options.file}:${lineOf(document, counter, path)}: ${formatPath(path)}${label}: ${message}`;
  };
  const parsed = calendarFileSchema.safeParse(document.toJS() ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
      return located(path, issue.message);
    });
    throw new RemindersError('calendar-invalid', `${options.file} has ${problems.length} problem(s)`, problems);
  }
  const issues = checkCalendar(parsed.data, options.groups ?? {});
  if (issues.length > 0) {
    const problems = issues.map((issue) => located(issue.path, issue.message));
    throw new RemindersError('calendar-invalid', `${options.file} has ${problems.length} problem(s)`, problems);
  }
  return toEntries(parsed.data);
}

/** Reads and validates the calendar file; a missing file is an empty calendar (reported by the caller). */
export function loadCalendarFile(
  file: string,
  groups: Readonly<Record<string, readonly string[]>> = {},
): { entries: CalendarEntry[]; found: boolean } {
  if (!existsSync(file)) return { entries: [], found: false };
  return { entries: parseCalendarText(readFileSync(file, 'utf8'), { file, groups }), found: true };
}
