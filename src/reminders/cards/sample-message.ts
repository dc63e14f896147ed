import type { Calendar, CalendarEntry } from '../calendar/types.js';
import type { ReminderMessage } from '../schedule/messages.js';
import { nextOccurrence, occurrencesOf } from '../schedule/occurrences.js';
import { addDays } from '../time/civil.js';
import { dateAt } from '../time/zone.js';

/** A card for `reminders send-test`: the calendar's next dated entry, or a made-up one when none is ahead. */
export function sampleMessage(calendar: Calendar, now: number, timeZone: string): ReminderMessage {
  for (const entry of calendar.entries) {
    if (entry.status !== 'active') continue;
    const occurrence = nextOccurrence(entry, now, timeZone);
    if (occurrence) return { type: 'reminder', entry, occurrence, offset: 'test' };
  }
  const sample: CalendarEntry = {
    id: 'sample',
    title: '政策通提醒测试',
    kind: 'custom',
    when: { type: 'date', date: addDays(dateAt(now, timeZone), 3) },
    remind: [],
    at: { hour: 9, minute: 0 },
    chats: [],
    note: '这是一条测试提醒，收到即表示提醒功能已接通。',
    status: 'active',
    origin: 'chat',
  };
  const [occurrence] = occurrencesOf(sample, timeZone);
  if (!occurrence) throw new Error('a dated sample always has an occurrence');
  return { type: 'reminder', entry: sample, occurrence, offset: 'test' };
}
