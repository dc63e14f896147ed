// The Feishu/Lark channel: what the app, the console, the reminders CLI and the tests use of it.
export type { BotStores, LarkBotOptions, LarkStores } from './bot.js';
export type { BotStatus } from './commands/command-list.js';
export type { IssueConsoleLink } from './commands/console-command.js';
export { systemClock, type Clock } from '../clock/index.js';
export { LarkError } from './errors.js';
export { friendlyMessage } from './answering/friendly-messages.js';
export { CONNECT_VARIABLES, larkSettings, type LarkSettings } from './settings.js';
export { startLarkBot, type RunningBot } from './start-bot.js';
export { standaloneReminderSender } from './outbound/reminder-sender.js';
export type { WsClientFactory } from './transport/long-connection.js';
export { openAnswerRecords } from './store/file-answer-records.js';
export { openAuditLog } from './store/file-audit-log.js';
export { createFileDedupeStore, createMemoryDedupeStore } from './store/dedupe-store.js';
export { openFeedbackLog } from './store/file-feedback-log.js';
export { retentionCutoff, type QuestionEntry, type QuestionLog } from './store/question-log.js';
export { openQuestionLog } from './store/file-question-log.js';
export { postgresSharedStores } from './store/lark-stores.js';
export { larkMigrations } from './store/migrations.js';
