export { consoleCommands, consoleHelp, parseConsoleInput, type ConsoleInput } from './console-commands.js';
export type { ConsoleCommand, ConsoleContext } from './console-context.js';
export { appendHistory, readHistory } from './console-history.js';
export { smallTalk, type SmallTalk } from './small-talk.js';
