import type { Calendar } from '../calendar/types.js';
import { isoDate, isoTime } from '../time/civil.js';
import { civilAt } from '../time/zone.js';
import { DIGEST_ENTRY, type DeliveryKey } from '../delivery/delivery-key.js';
import { digestChats, recipientsOf, type Audience } from './audience.js';
import { cronTimes, type CronFields } from './cron-times.js';
import { digestFor } from './digest.js';
import type { OutgoingMessage } from './messages.js';
import { slotsOf } from './occurrences.js';

/** A send the calendar asks for, before the log is consulted. */
export interface Candidate {
  key: DeliveryKey;
  scheduledAt: number;
  message: OutgoingMessage;
  /** The entry is paused: due sends are recorded as skipped instead. */
  paused: boolean;
}

/** What decides who gets what and when. */
export interface ScheduleOptions {
  timeZone: string;
  audience: Audience;
  /** The weekly digest: DIGEST_CRON expanded, and how many days ahead it lists. Omit for none. */
  digest?: { fields: CronFields; days: number } | undefined;
}

/** `digest@2026-11-23T09:00`: a digest's occurrence id, in the zone's wall-clock time. */
function digestOccurrence(at: number, timeZone: string): string {
  const wall = civilAt(at, timeZone);
  return `digest@${isoDate(wall)}T${isoTime(wall)}`;
}

/**
 * Every send scheduled in (from, to]: reminders of active and paused entries to their chats, and
 * digests to subscribed chats (a digest with nothing in it is not sent). Sorted by time, then chat.
 */
export function candidatesBetween(calendar: Calendar, from: number, to: number, options: ScheduleOptions): Candidate[] {
  const found: Candidate[] = [];
  for (const entry of calendar.entries) {
    if (entry.status === 'removed') continue;
    if (recipientsOf(entry, options.audience).length === 0) continue;
    for (const slot of slotsOf(entry, options.timeZone)) {
      if (slot.sendAt <= from || slot.sendAt > to) continue;
      for (const chat of recipientsOf(entry, options.audience, slot.sendAt)) {
        found.push({
          key: { entry: entry.id, occurrence: slot.key, chat },
          scheduledAt: slot.sendAt,
          message: { type: 'reminder', entry, occurrence: slot.occurrence, offset: slot.offset.text },
          paused: entry.status === 'paused',
        });
      }
    }
  }
  if (options.digest) {
    const anyone = digestChats(options.audience).length > 0;
    for (const at of anyone ? cronTimes(options.digest.fields, from, to, options.timeZone) : []) {
      for (const chat of digestChats(options.audience, at)) {
        const message = digestFor(calendar, chat, options.audience, at, { days: options.digest.days, timeZone: options.timeZone });
        if (message.items.length === 0 && message.undated.length === 0) continue;
        found.push({
          key: { entry: DIGEST_ENTRY, occurrence: digestOccurrence(at, options.timeZone), chat },
          scheduledAt: at,
          message,
          paused: false,
        });
      }
    }
  }
  return found.sort(
    (a, b) => a.scheduledAt - b.scheduledAt || a.key.chat.localeCompare(b.key.chat) || a.key.entry.localeCompare(b.key.entry),
  );
}
