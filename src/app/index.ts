export { createApp, type App } from './create-app.js';
export { startAppBot } from './start-app-bot.js';
export type { RunningBot } from './run-bot.js';
export { AppError } from './errors.js';
export { createStorage, type AppStorage } from './storage.js';
export { createRuntime, type Runtime } from './runtime.js';
export { consoleFor } from './console-wiring.js';
export { buildConfigured, knowledgeAdminFor, watchConfiguredDocs } from './knowledge-wiring.js';
