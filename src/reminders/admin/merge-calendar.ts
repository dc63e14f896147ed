import { parseWhen } from '../calendar/when.js';
import type { Calendar, CalendarEntry, EntryStatus, ReminderOffset } from '../calendar/types.js';
import type { CustomReminder, RemindersState } from '../store/state-store.js';

const AT_THE_TIME: ReminderOffset = { type: 'before', minutes: 0, text: '0m' };
const ON_THE_DAY: ReminderOffset = { type: 'days', days: 0, text: '0d' };

/** A `/remind add` reminder as a calendar entry: one send, at its time (or 09:00 on its day), to its chat. */
export function customEntry(custom: CustomReminder, status: EntryStatus): CalendarEntry | undefined {
  const when = parseWhen(custom.when);
  if (!when.ok) return undefined;
  return {
    id: custom.id,
    title: custom.title,
    kind: 'custom',
    when: when.value,
    remind: [when.value.type === 'exact' ? AT_THE_TIME : ON_THE_DAY],
    at: { hour: 9, minute: 0 },
    chats: [custom.chatId],
    status,
    origin: 'chat',
  };
}

/** The committed entries and the chat-added ones, with admins' pause/remove applied. */
export function mergeCalendar(fileEntries: readonly CalendarEntry[], state: RemindersState): Calendar {
  const statusOf = (entry: CalendarEntry): EntryStatus => state.overrides[entry.id]?.status ?? entry.status;
  const entries = fileEntries.map((entry) => ({ ...entry, status: statusOf(entry) }));
  for (const custom of state.custom) {
    const entry = customEntry(custom, state.overrides[custom.id]?.status ?? 'active');
    if (entry) entries.push(entry);
  }
  return { entries };
}
