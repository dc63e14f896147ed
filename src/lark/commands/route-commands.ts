import { escapeMarkdown } from '../../cards/index.js';
import type { MessageContext, Middleware } from '../inbound/middleware.js';
import { helpCard } from './help-card.js';

/** One command: an English `/name`, Chinese aliases, and what it does. */
export interface Command {
  name: string;
  /** Chinese names: accepted as `/别名 …` or as the whole message. */
  aliases: string[];
  run(context: MessageContext, args: string): Promise<void>;
}

/** Finds the command a message invokes: `/help`, `/帮助 …`, or a bare `帮助`; a question is never a command. */
export function parseCommand(text: string, commands: Command[]): { command: Command; args: string } | { unknown: string } | undefined {
  const slash = /^[/／](\S+)\s*(.*)$/s.exec(text);
  if (slash) {
    const word = (slash[1] ?? '').toLowerCase();
    const command = commands.find((candidate) => candidate.name === word || candidate.aliases.includes(word));
    return command ? { command, args: (slash[2] ?? '').trim() } : { unknown: word };
  }
  const bare = commands.find((candidate) => candidate.aliases.includes(text));
  return bare ? { command: bare, args: '' } : undefined;
}

/** Routes commands; anything else goes on to become a question. */
export function routeCommands(commands: Command[]): Middleware {
  return async (context, next) => {
    const parsed = parseCommand(context.message.text, commands);
    if (!parsed) return next();
    if ('unknown' in parsed) {
      // the unknown word is the user's text: escaped, so it cannot become card markdown (an <at> tag …)
      await context.reply(helpCard(`没有「/${escapeMarkdown(parsed.unknown)}」这个命令。`));
      return;
    }
    await parsed.command.run(context, parsed.args);
  };
}
