import type { CalendarEntry } from '../calendar/types.js';
import type { Occurrence } from './occurrences.js';

/** A reminder of one occurrence (plain data; cards are rendered from it at send time). */
export interface ReminderMessage {
  type: 'reminder';
  entry: CalendarEntry;
  occurrence: Occurrence;
  /** The offset that fired: `14d`, `0d`, `2h`. */
  offset: string;
}

/** An entry in a digest or an upcoming list, with the occurrence that is next. */
export interface ListedEntry {
  entry: CalendarEntry;
  occurrence: Occurrence;
}

/** The weekly digest for one chat: what happens in the next `days` days, and what is still 时间待定. */
export interface DigestMessage {
  type: 'digest';
  /** When the digest is for (its scheduled time). */
  at: number;
  days: number;
  items: ListedEntry[];
  undated: CalendarEntry[];
}

export type OutgoingMessage = ReminderMessage | DigestMessage;

/** What `/reminders` shows for a chat. */
export interface UpcomingList {
  chatId: string;
  at: number;
  subscribed: boolean;
  items: ListedEntry[];
  undated: CalendarEntry[];
  paused: CalendarEntry[];
  /** Entries for this chat that are over (the 2025 plan's activities, 到2020年底 …). */
  pastCount: number;
}
