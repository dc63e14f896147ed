// The reminders layer: calendar, schedule, delivery and admin operations, beside src/lark.
export { createReminders, type ReminderSchedulerExtra, type Reminders } from './reminders.js';
export { RemindersError } from './errors.js';
export {
  loadRemindersSettings,
  remindersEnvironmentSchema,
  remindersEnvironmentShape,
  toRemindersSettings,
  type RemindersEnvironment,
  type RemindersSettings,
} from './settings.js';
export type { Calendar, CalendarEntry, EntryKind, ReminderOffset, SourceRef, When } from './calendar/types.js';
export { loadCalendarFile, parseCalendarText } from './calendar/load-calendar.js';
export { parseWhen, whenText } from './calendar/when.js';
export { proposalYaml } from './extract/proposal-yaml.js';
export { proposeCalendar, type ProposedEntry } from './extract/propose.js';
export { due, type DueOptions, type DueSend } from './schedule/due.js';
export { candidatesBetween, type Candidate, type ScheduleOptions } from './schedule/candidates.js';
export { previewSends } from './schedule/preview.js';
export { occurrencesOf, slotsOf, nextOccurrence, isPast, type Occurrence } from './schedule/occurrences.js';
export { digestFor, listUpcoming } from './schedule/digest.js';
export { recipientsOf, digestChats, EMPTY_AUDIENCE, type Audience } from './schedule/audience.js';
export type { DigestMessage, ListedEntry, OutgoingMessage, ReminderMessage, UpcomingList } from './schedule/messages.js';
export { parseCron, cronTimes, type CronFields } from './schedule/cron-times.js';
export { deliveryUuid, keyString, DIGEST_ENTRY, type DeliveryKey } from './delivery/delivery-key.js';
export { foldLog, type Ledger, type LedgerEntry, type SendRecord, type SkipReason } from './delivery/ledger.js';
export { parseSendLog, type SendLog } from './store/send-log.js';
export { openSendLog } from './store/file-send-log.js';
export { acquireDataLock, type DataLock, type LockOptions } from './delivery/data-lock.js';
export { startUnlessLocked } from './delivery/start-unless-locked.js';
export { SendError, printingSender, sendSafely, type Sender, type SendErrorCode, type SendResult } from './delivery/sender.js';
export {
  createReminderScheduler,
  type CronStarter,
  type ReminderScheduler,
  type ReminderSchedulerOptions,
  type TickReport,
} from './delivery/scheduler.js';
export { createMemoryLeaseLock, type Lease, type LeaseLock, type SchedulerLease } from './store/lease-lock.js';
export { fileReminderStores, fileSchedulerStores, type ReminderStores, type SchedulerStores } from './store/reminder-stores.js';
export { createPostgresLeaseLock } from './store/postgres-lease-lock.js';
export { createPostgresSendLog } from './store/postgres-send-log.js';
export type { CardJson } from '../cards/index.js';
export { renderCard } from './cards/render.js';
export { reminderCard, ASK_ACTION, type RenderContext } from './cards/reminder-card.js';
export { digestCard } from './cards/digest-card.js';
export { upcomingCard } from './cards/upcoming-card.js';
export { createRemindersService, type RemindersService } from './admin/service.js';
export { emptyState, type RemindersState, type StateStore } from './store/state-store.js';
export { createStateStore, readStateFile } from './store/file-state-store.js';
export { createPostgresStateStore, importState } from './store/postgres-state-store.js';
export { remindersMigrations, sendLogTableSql } from './store/migrations.js';
export { REMIND_ADD_USAGE } from './admin/remind-command.js';
export { formatPreviewLine } from './schedule/preview.js';
export { parseCliTime } from './time/cli-time.js';
export { sampleMessage } from './cards/sample-message.js';
