import type { Calendar, CalendarEntry } from '../calendar/types.js';
import { addDays, compareDates } from '../time/civil.js';
import { dateAt } from '../time/zone.js';
import { reaches, type Audience } from './audience.js';
import type { DigestMessage, ListedEntry } from './messages.js';
import { isPast, nextOccurrence } from './occurrences.js';

/** Active entries that reach a chat. */
function entriesFor(calendar: Calendar, chatId: string, audience: Audience): CalendarEntry[] {
  return calendar.entries.filter((entry) => entry.status === 'active' && reaches(entry, chatId, audience));
}

/** Next occurrences at `now` of the entries reaching a chat, soonest first. */
export function listUpcoming(calendar: Calendar, chatId: string, audience: Audience, now: number, timeZone: string): ListedEntry[] {
  const listed: ListedEntry[] = [];
  for (const entry of entriesFor(calendar, chatId, audience)) {
    const occurrence = nextOccurrence(entry, now, timeZone);
    if (occurrence) listed.push({ entry, occurrence });
  }
  return listed.sort((a, b) => a.occurrence.instant - b.occurrence.instant || a.entry.id.localeCompare(b.entry.id));
}

/** 待定 entries reaching a chat that are not over (a `待定 2025` entry is over once 2025 has ended). */
export function listUndated(calendar: Calendar, chatId: string, audience: Audience, now: number, timeZone: string): CalendarEntry[] {
  return entriesFor(calendar, chatId, audience).filter((entry) => entry.when.type === 'tbd' && !isPast(entry, now, timeZone));
}

/** The digest a chat gets at `at`: occurrences in the next `days` days plus 时间待定 entries. */
export function digestFor(
  calendar: Calendar,
  chatId: string,
  audience: Audience,
  at: number,
  options: { days: number; timeZone: string },
): DigestMessage {
  const horizon = addDays(dateAt(at, options.timeZone), options.days);
  const items = listUpcoming(calendar, chatId, audience, at, options.timeZone).filter(
    (item) => compareDates(item.occurrence.date, horizon) <= 0,
  );
  return { type: 'digest', at, days: options.days, items, undated: listUndated(calendar, chatId, audience, at, options.timeZone) };
}
