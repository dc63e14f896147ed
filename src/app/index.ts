export { createApp, type App, type AppOverrides } from './create-app.js';
export { startAppBot, type AppBot, type BotOverrides } from './start-app-bot.js';
export { AppError, type AppErrorCode } from './errors.js';
export { createStorage, storageChoice, type AppStorage, type SharedReminderStores, type StorageChoice } from './storage.js';
export { createRuntime, type Runtime, type RuntimeOptions } from './runtime.js';
export { consoleFor } from './console-wiring.js';
