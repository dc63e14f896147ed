// The command line and console chat, as the entry points (src/main.ts) and the composition root use them.
export { buildWithProgress } from './build-with-progress.js';
export { chatCommand } from './commands/chat-command.js';
export { syncIndexWithDocs } from './docs-sync.js';
export { reportError } from './run-cli.js';
