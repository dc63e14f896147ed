import type { KnowledgeAdmin } from '../../admin/index.js';
import type { Logger } from '../../log/index.js';
import type { Runtime } from '../../app/index.js';

/** What console commands work with; `write` goes to stdout (the conversation), progress to stderr. */
export interface ConsoleContext {
  runtime: Runtime;
  knowledge: KnowledgeAdmin;
  logger: Logger;
  write(text: string): void;
  now(): number;
}

/** One console command: `/name`, Chinese aliases, a line for /help. `quit` ends the chat. */
export interface ConsoleCommand {
  name: string;
  aliases: string[];
  summary: string;
  run(context: ConsoleContext, args: string): Promise<'quit' | undefined>;
}
