import { SUBSCRIBERS, type CalendarEntry } from '../calendar/types.js';

/** Who hears what: named groups from settings and each chat's /subscribe or /unsubscribe. */
export interface Audience {
  /** REMINDER_GROUPS: name → chat ids. */
  groups: Readonly<Record<string, readonly string[]>>;
  /** Chats that ran /subscribe: they get the weekly digest and every entry aimed at `subscribers`. */
  subscribed: readonly string[];
  /** Chats that ran /unsubscribe: they get nothing from the calendar, even when an entry names them or their group. */
  unsubscribed: readonly string[];
  /** When each chat subscribed: sends scheduled before that are not theirs (no late digest on subscribing). */
  subscribedSince?: Readonly<Record<string, number>>;
}

/** An audience with nobody in it. */
export const EMPTY_AUDIENCE: Audience = { groups: {}, subscribed: [], unsubscribed: [] };

/** Subscribed chats, or those that had subscribed by `at`. */
function subscribers(audience: Audience, at?: number): string[] {
  if (at === undefined) return [...audience.subscribed];
  return audience.subscribed.filter((chat) => (audience.subscribedSince?.[chat] ?? Number.NEGATIVE_INFINITY) <= at);
}

/** The chats an entry's reminders go to (for a send at `at`: subscribers as of then), sorted, without duplicates. */
export function recipientsOf(entry: CalendarEntry, audience: Audience, at?: number): string[] {
  const chats = new Set<string>();
  for (const target of entry.chats) {
    if (target === SUBSCRIBERS) subscribers(audience, at).forEach((chat) => chats.add(chat));
    else if (audience.groups[target]) audience.groups[target].forEach((chat) => chats.add(chat));
    else chats.add(target);
  }
  if (entry.origin === 'file') for (const chat of audience.unsubscribed) chats.delete(chat); // a /remind add in a chat is that chat's own request
  return [...chats].sort();
}

/** True when the entry reaches this chat. */
export function reaches(entry: CalendarEntry, chatId: string, audience: Audience): boolean {
  return recipientsOf(entry, audience).includes(chatId);
}

/** The chats that get the weekly digest (at `at`: those subscribed by then). */
export function digestChats(audience: Audience, at?: number): string[] {
  const unsubscribed = new Set(audience.unsubscribed);
  return [...new Set(subscribers(audience, at))].filter((chat) => !unsubscribed.has(chat)).sort();
}
