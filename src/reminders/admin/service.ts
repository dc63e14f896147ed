import type { Logger } from '../../log/index.js';
import type { CardJson } from '../../cards/index.js';
import { upcomingCard } from '../cards/upcoming-card.js';
import type { Calendar, CalendarEntry, EntryStatus } from '../calendar/types.js';
import { whenText } from '../calendar/when.js';
import type { Clock } from '../../clock/index.js';
import { RemindersError } from '../errors.js';
import { reaches, type Audience } from '../schedule/audience.js';
import { listUndated, listUpcoming } from '../schedule/digest.js';
import { isPast } from '../schedule/occurrences.js';
import type { RemindersSettings } from '../settings.js';
import type { CalendarSource } from './calendar-source.js';
import { parseRemindAdd } from './remind-command.js';
import { customEntry, mergeCalendar } from './merge-calendar.js';
import type { StateStore } from '../store/state-store.js';
import type { UpcomingList } from '../schedule/messages.js';

/** The merged calendar and who receives what, as one tick sees them. */
interface RemindersSnapshot {
  calendar: Calendar;
  audience: Audience;
}

/**
 * The admin operations behind the chat commands (/subscribe, /unsubscribe, /remind add|remove|pause|resume,
 * /reminders): plain functions over the state file, effective at the scheduler's next tick.
 */
export interface RemindersService {
  /** The merged calendar and audience the scheduler works from, read fresh. */
  snapshot(): Promise<RemindersSnapshot>;
  subscribe(chatId: string, by?: string): Promise<{ changed: boolean }>;
  unsubscribe(chatId: string, by?: string): Promise<{ changed: boolean }>;
  isSubscribed(chatId: string): Promise<boolean>;
  /** `/remind add 2026-12-01 09:00 内容` in a chat: a reminder to that chat. */
  add(chatId: string, text: string, by?: string): Promise<CalendarEntry>;
  remove(id: string, by?: string): Promise<CalendarEntry>;
  pause(id: string, by?: string): Promise<CalendarEntry>;
  resume(id: string, by?: string): Promise<CalendarEntry>;
  upcoming(chatId: string, limit?: number): Promise<UpcomingList>;
  /** The `/reminders` reply card. */
  upcomingCard(chatId: string, limit?: number): Promise<CardJson>;
  /** Problems of the calendar file on disk when the last edit could not be loaded. */
  calendarProblems(): string[];
}

interface RemindersServiceOptions {
  settings: Pick<RemindersSettings, 'timeZone' | 'groups'>;
  calendar: CalendarSource;
  store: StateStore;
  clock: Clock;
  logger: Logger;
}

/** The service over a calendar source and a state store. */
export function createRemindersService(options: RemindersServiceOptions): RemindersService {
  const { store, clock, logger, settings } = options;
  const stamp = (by: string | undefined) => ({ at: new Date(clock.now()).toISOString(), ...(by ? { by } : {}) });

  const snapshot = async (): Promise<RemindersSnapshot> => {
    const state = await store.read();
    const subscriptions = Object.entries(state.subscriptions);
    return {
      calendar: mergeCalendar(options.calendar.entries(), state),
      audience: {
        groups: settings.groups,
        subscribed: subscriptions.filter(([, value]) => value.status === 'subscribed').map(([chat]) => chat),
        unsubscribed: subscriptions.filter(([, value]) => value.status === 'unsubscribed').map(([chat]) => chat),
        subscribedSince: Object.fromEntries(
          subscriptions.filter(([, value]) => value.status === 'subscribed').map(([chat, value]) => [chat, Date.parse(value.at)]),
        ),
      },
    };
  };

  const setSubscription = async (chatId: string, status: 'subscribed' | 'unsubscribed', by?: string): Promise<{ changed: boolean }> => {
    let changed = false;
    // decided inside the update, so two instances subscribing the same chat at once report one change
    await store.update((state) => {
      changed = state.subscriptions[chatId]?.status !== status;
      return changed ? { ...state, subscriptions: { ...state.subscriptions, [chatId]: { status, ...stamp(by) } } } : state;
    });
    logger.info('reminders.subscription', { chatId, status, changed, by });
    return { changed };
  };

  const setStatus = async (id: string, status: EntryStatus, by?: string): Promise<CalendarEntry> => {
    let entry: CalendarEntry | undefined;
    await store.update((state) => {
      entry = mergeCalendar(options.calendar.entries(), state).entries.find((candidate) => candidate.id === id);
      if (!entry || entry.status === 'removed') throw new RemindersError('unknown-entry', `no reminder with id "${id}"`);
      return { ...state, overrides: { ...state.overrides, [id]: { status, ...stamp(by) } } };
    });
    if (!entry) throw new RemindersError('unknown-entry', `no reminder with id "${id}"`);
    logger.info('reminders.entry_status', { id, status, by });
    return { ...entry, status };
  };

  const upcoming = async (chatId: string, limit = 10): Promise<UpcomingList> => {
    const { calendar, audience } = await snapshot();
    const now = clock.now();
    const mine = calendar.entries.filter((entry) => entry.status !== 'removed' && reaches(entry, chatId, audience));
    return {
      chatId,
      at: now,
      subscribed: audience.subscribed.includes(chatId) && !audience.unsubscribed.includes(chatId),
      items: listUpcoming(calendar, chatId, audience, now, settings.timeZone).slice(0, limit),
      undated: listUndated(calendar, chatId, audience, now, settings.timeZone),
      paused: mine.filter((entry) => entry.status === 'paused' && !isPast(entry, now, settings.timeZone)),
      pastCount: mine.filter((entry) => entry.status === 'active' && isPast(entry, now, settings.timeZone)).length,
    };
  };

  return {
    snapshot,
    subscribe: (chatId, by) => setSubscription(chatId, 'subscribed', by),
    unsubscribe: (chatId, by) => setSubscription(chatId, 'unsubscribed', by),
    isSubscribed: async (chatId) => (await store.read()).subscriptions[chatId]?.status === 'subscribed',
    async add(chatId, text, by) {
      const parsed = parseRemindAdd(text, clock.now(), settings.timeZone);
      let added: CalendarEntry | undefined;
      await store.update((state) => {
        const custom = {
          id: `c${state.nextId}`,
          title: parsed.title,
          when: whenText(parsed.when),
          chatId,
          createdAt: new Date(clock.now()).toISOString(),
          ...(by ? { createdBy: by } : {}),
        };
        added = customEntry(custom, 'active');
        return { ...state, nextId: state.nextId + 1, custom: [...state.custom, custom] };
      });
      if (!added) throw new RemindersError('state-invalid', 'the reminder could not be stored');
      logger.info('reminders.added', { id: added.id, chatId, when: whenText(parsed.when), by });
      return added;
    },
    remove: (id, by) => setStatus(id, 'removed', by),
    pause: (id, by) => setStatus(id, 'paused', by),
    resume: (id, by) => setStatus(id, 'active', by),
    upcoming,
    upcomingCard: async (chatId, limit) => upcomingCard(await upcoming(chatId, limit), settings.timeZone),
    calendarProblems: () => options.calendar.problems(),
  };
}
