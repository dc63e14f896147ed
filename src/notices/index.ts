// The notices layer: new-policy cards to subscribed groups and the weekly
// expiry card to admin chats, delivered through the reminders' send log and lease. Beside src/lark.
export {
  createNotices,
  expirySlotAt,
  type NoticeSchedulerExtra,
  type Notices,
  type NoticesService,
  type NoticesSettings,
} from './notices.js';
export { NoticesError } from './errors.js';
export { emptyNoticesState, type NoticesState, type NoticesStateStore } from './notices-state.js';
export { createFileNoticesState } from './store/file-notices-state.js';
export { fileNoticeStores, type NoticeStores } from './store/notice-stores.js';
export { createPostgresNoticesState } from './store/postgres-notices-state.js';
export { selectMeasures, type SelectedMeasure } from './select-measures.js';
export { policyCard } from './policy-card.js';
export { expiryCard, noticeOf, EXPIRY_ACTIONS } from './expiry-card.js';
export { noticePlan, policyEntry, EXPIRY_ENTRY, type NoticeInput, type NoticeSend } from './notice-plan.js';
export { createNoticeScheduler, type NoticeScheduler, type NoticeSchedulerOptions, type NoticeTickReport } from './notice-scheduler.js';
export { isoWeek } from './iso-week.js';
export { toNoticesSettings } from './settings.js';
export { withInForceMarks } from './served-manifest.js';
export { noticesMigrations } from './store/migrations.js';
