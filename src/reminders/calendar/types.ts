import type { CivilDate, CivilDateTime, TimeOfDay } from '../time/civil.js';

export type EntryKind = 'activity' | 'deadline' | 'custom';

/**
 * When something happens, as precisely as the document says: an exact time, a date, a window of
 * months or days (附件3's 3月-10月, 全年), or 待定 (optionally "within a year", so a 2025 plan's 待定
 * activity stops being listed once 2025 is over).
 */
export type When =
  | { type: 'exact'; at: CivilDateTime }
  | { type: 'date'; date: CivilDate }
  | { type: 'window'; start: CivilDate; end: CivilDate; precision: 'month' | 'day' }
  | { type: 'tbd'; year?: number };

/** One reminder before an occurrence: `14d` (at the default time), `0d@08:30`, or `2h` / `0m` before an exact time. */
export type ReminderOffset =
  { type: 'days'; days: number; at?: TimeOfDay; text: string } | { type: 'before'; minutes: number; text: string };

/** Where an entry comes from in the documents, cited like an answer. */
export interface SourceRef {
  source: string;
  /** The document's title, when known (《…》 on cards). */
  title?: string | undefined;
  section: string;
  quote: string;
}

/** The special chat target: every chat that ran /subscribe. */
export const SUBSCRIBERS = 'subscribers';

export type EntryStatus = 'active' | 'paused' | 'removed';

/** One calendar entry after validation: the curated file's and the ones added with `/remind add`. */
export interface CalendarEntry {
  id: string;
  title: string;
  kind: EntryKind;
  when: When;
  /** Reminder offsets, applied to every occurrence (a window has two: its start and its end). */
  remind: ReminderOffset[];
  /** Default time of day for day offsets. */
  at: TimeOfDay;
  /** `subscribers`, named groups (REMINDER_GROUPS) or chat ids. */
  chats: string[];
  lead?: string;
  host?: string;
  contact?: string;
  note?: string;
  source?: SourceRef;
  status: EntryStatus;
  /** `file`: the committed calendar; `chat`: added by an admin in a chat. */
  origin: 'file' | 'chat';
}

/** The merged calendar the scheduler works from. */
export interface Calendar {
  entries: CalendarEntry[];
}
