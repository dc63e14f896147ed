import { loadCalendarFile, RemindersError, toRemindersSettings } from '../../reminders/index.js';
import { upcomingLines } from './calendar-lines.js';
import type { ConsoleCommand, ConsoleContext } from './console-context.js';
import { docsCommand, reindexCommand, sourcesCommand } from './knowledge-commands.js';

const EXAMPLES = ['南通计划到2020年底打造多少个众创社区？', '頔塘青创社区的运营主体是谁？'];

/** The help text: what to ask, and every command with its summary. */
export function consoleHelp(commands: ConsoleCommand[], lead?: string): string {
  return [
    ...(lead ? [lead, ''] : []),
    '我回答关于本地政策文件的问题，答案只来自文件原文，并附上出处。直接输入问题即可，例如：',
    ...EXAMPLES.map((example) => `  ${example}`),
    '可以接着追问，如「那南浔呢？」。上下方向键翻看输入过的内容。',
    '',
    '命令：',
    ...commands.map((command) => `  /${command.name.padEnd(9)}${command.aliases[0] ? `（${command.aliases[0]}）` : ''}${command.summary}`),
  ].join('\n');
}

const calendarCommand: ConsoleCommand = {
  name: 'calendar',
  aliases: ['近期提醒', '日程'],
  summary: '接下来的活动与截止日期（CALENDAR_FILE）',
  async run(context) {
    const { config } = context.runtime;
    try {
      const settings = toRemindersSettings(config, config.DATA_DIR);
      const { entries, found } = loadCalendarFile(settings.calendarFile, settings.groups);
      if (!found) return say(context, `没有日程文件 ${settings.calendarFile}。`);
      const lines = upcomingLines(entries, context.now(), settings.timeZone);
      return say(
        context,
        lines.length === 0 ? '近期没有活动或截止日期。' : ['接下来的提醒：', ...lines.map((line) => `- ${line}`)].join('\n'),
      );
    } catch (error) {
      if (!(error instanceof RemindersError)) throw error;
      return say(context, `日程文件有问题：${error.message}`);
    }
  },
};

function say(context: ConsoleContext, text: string): Promise<undefined> {
  context.write(`${text}\n`);
  return Promise.resolve(undefined);
}

/** Every console command, in the order /help lists them. */
export function consoleCommands(): ConsoleCommand[] {
  const commands: ConsoleCommand[] = [
    { name: 'help', aliases: ['帮助'], summary: '查看用法', run: (context) => say(context, consoleHelp(commands)) },
    sourcesCommand,
    docsCommand,
    reindexCommand,
    calendarCommand,
    { name: 'quit', aliases: ['退出', 'exit'], summary: '退出', run: () => Promise.resolve('quit') },
  ];
  return commands;
}

/** What a console line is: a known command, an unknown /word, or a question. */
type ConsoleInput = { type: 'command'; command: ConsoleCommand; args: string } | { type: 'unknown'; word: string } | { type: 'question' };

/** `/help`, `／帮助`, `/quit now`: a slash word is always a command, known or not; other text is a question. */
export function parseConsoleInput(line: string, commands: ConsoleCommand[]): ConsoleInput {
  const slash = /^[/／](\S+)\s*(.*)$/su.exec(line.trim());
  if (!slash) return { type: 'question' };
  const word = (slash[1] ?? '').toLowerCase();
  const command = commands.find((candidate) => candidate.name === word || candidate.aliases.includes(word));
  return command ? { type: 'command', command, args: (slash[2] ?? '').trim() } : { type: 'unknown', word };
}
