import { statSync } from 'node:fs';
import type { Logger } from '../../log/index.js';
import { loadCalendarFile } from '../calendar/load-calendar.js';
import type { CalendarEntry } from '../calendar/types.js';
import { RemindersError } from '../errors.js';

/** The committed calendar file, re-read when it changes: an edit takes effect without a restart. */
export interface CalendarSource {
  entries(): CalendarEntry[];
  /** Problems of the file on disk when they stopped a reload (the last good calendar stays in use). */
  problems(): string[];
}

/**
 * Loads the file now (an invalid file throws, so a broken calendar stops the start) and again whenever
 * its modification time or size changes; a later invalid edit is logged and the previous entries kept.
 */
export function createCalendarSource(file: string, groups: Readonly<Record<string, readonly string[]>>, logger: Logger): CalendarSource {
  const signature = (): string => {
    const stats = statSync(file, { throwIfNoEntry: false });
    return stats ? `${stats.mtimeMs}:${stats.size}` : 'missing';
  };
  let seen = signature();
  const first = loadCalendarFile(file, groups);
  if (!first.found) logger.warn('reminders.calendar.missing', { file });
  let entries = first.entries;
  let problems: string[] = [];
  return {
    entries() {
      const now = signature();
      if (now === seen) return entries;
      seen = now;
      try {
        entries = loadCalendarFile(file, groups).entries;
        problems = [];
        logger.info('reminders.calendar.reloaded', { file, entries: entries.length });
      } catch (error) {
        if (!(error instanceof RemindersError)) throw error;
        problems = error.problems.length > 0 ? error.problems : [error.message];
        logger.error('reminders.calendar.invalid', { file, problems, keeping: entries.length });
      }
      return entries;
    },
    problems: () => problems,
  };
}
