export { consoleCommands, consoleHelp, parseConsoleInput } from './console-commands.js';
export type { ConsoleCommand, ConsoleContext } from './console-context.js';
export { appendHistory, readHistory } from './console-history.js';
export { smallTalk } from './small-talk.js';
