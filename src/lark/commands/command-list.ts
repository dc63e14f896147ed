import type { Manifest } from '../../index/index.js';
import { statusLabel } from '../../ingest/index.js';
import { chinaDateTime } from '../../text/index.js';
import { silentLogger, type Logger } from '../../log/index.js';
import type { RemindersService } from '../../reminders/index.js';
import { noticeCard } from '../cards/notice-card.js';
import type { Clock } from '../../clock/index.js';
import { friendlyMessage } from '../answering/friendly-messages.js';
import type { Command } from './route-commands.js';
import { noAudit, type RecordAdminAction } from './admin-audit.js';
import { requireAdmin, type IsAdmin } from './admin-policy.js';
import { documentCommands, type DocumentAdminDeps } from './document-commands.js';
import { helpCard } from './help-card.js';
import { reminderCommands } from './reminder-commands.js';

/** What `/sources` and `/status` report on, injected by whoever starts the bot. */
export interface BotStatus {
  /** The loaded index's manifest (throws when there is no index). */
  manifest(): Manifest;
  /** How answers are produced, in words (抽取式, or the LLM model). */
  answerMode: string;
  startedAt: number;
}

const LISTED_DOCUMENTS = 30;

function duration(milliseconds: number): string {
  const minutes = Math.max(0, Math.floor(milliseconds / 60_000));
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${minutes % 60} 分`;
  return `${minutes} 分钟`;
}

/** `/sources`: titles, 文号 and chunk counts. */
function sourcesText(manifest: Manifest, today: Date): string {
  const documents = Object.values(manifest.documents);
  const lines = documents.slice(0, LISTED_DOCUMENTS).map((document, index) => {
    const status = statusLabel(document.facts, today);
    return `${index + 1}. 《${document.title}》${document.docNumber ? ` ${document.docNumber}` : ''}${status ? ` · ${status}` : ''} · ${document.chunks} 段`;
  });
  const more = documents.length > LISTED_DOCUMENTS ? [`…… 共 ${documents.length} 份`] : [];
  return [`共 ${documents.length} 份文档：`, ...lines, ...more].join('\n');
}

/** `/status`: index size and age, model, answer mode, uptime. */
function statusText(status: BotStatus, manifest: Manifest, now: number): string {
  const builtAt = Date.parse(manifest.builtAt);
  return [
    `知识库：${manifest.counts.documents} 份文档，${manifest.counts.chunks} 个片段`,
    `索引构建：${Number.isNaN(builtAt) ? manifest.builtAt : `${chinaDateTime(builtAt)}（${duration(now - builtAt)}前）`}`,
    `嵌入模型：${manifest.modelId}`,
    `回答模式：${status.answerMode}`,
    `已运行：${duration(now - status.startedAt)}`,
  ].join('\n');
}

/** `/whoami`: the sender's ids and the chat's, so an admin can fill ADMIN_OPEN_IDS and ADMIN_CHAT_IDS. */
const whoamiCommand: Command = {
  name: 'whoami',
  aliases: ['我是谁'],
  run: async (context) => {
    const { senderId, senderUserId, chatId } = context.message;
    const text = [
      `open_id：${senderId}`,
      `user_id：${senderUserId ?? '（应用没有读取 user_id 的权限）'}`,
      `chat_id：${chatId}`,
      '',
      '管理员：把 open_id 填进 ADMIN_OPEN_IDS；让一个群的成员都成为管理员：把 chat_id 填进 ADMIN_CHAT_IDS。',
    ].join('\n');
    await context.reply(noticeCard('我的 ID', { text }));
  },
};

/** `/reindex` when this process cannot rebuild (no document admin wired): says how to do it on the server. */
function serverOnlyReindex(isAdmin: IsAdmin, logger: Logger): Command {
  return {
    name: 'reindex',
    aliases: ['重建索引'],
    run: async (context) => {
      if (!(await requireAdmin(context, { isAdmin, logger }, 'reindex', '只有管理员可以重建索引。'))) return;
      await context.reply(
        noticeCard('重建索引', {
          text: '这个进程没有启用从飞书重建索引。请在服务器上运行 npm run -s cli -- index，机器人会在几秒内自动切换到新索引。',
        }),
      );
    },
  };
}

/**
 * The bot's commands with Chinese and English names; the reminder commands when a RemindersService is
 * given. Admin actions are recorded through `audit` (refused attempts by others are not).
 */
export function createCommands(options: {
  status: BotStatus;
  isAdmin: IsAdmin;
  clock: Clock;
  reminders?: RemindersService | undefined;
  /** `/reindex` and `/docs`: without them `/reindex` says to run the index command on the server. */
  documents?: DocumentAdminDeps | undefined;
  logger?: Logger;
  audit?: RecordAdminAction;
}): Command[] {
  const { status, isAdmin, clock } = options;
  const audit = options.audit ?? noAudit;
  const withManifest = (title: string, render: (manifest: Manifest) => string) => async (context: Parameters<Command['run']>[0]) => {
    let text: string;
    try {
      text = render(status.manifest());
    } catch (error) {
      text = friendlyMessage(error);
    }
    await context.reply(noticeCard(title, { text }));
  };
  return [
    {
      name: 'help',
      // a bare greeting gets the help too, not a search of the documents
      aliases: ['帮助', '你好', '您好'],
      run: async (context) => {
        await context.reply(helpCard());
      },
    },
    { name: 'sources', aliases: ['文档列表'], run: withManifest('文档列表', (manifest) => sourcesText(manifest, new Date(clock.now()))) },
    whoamiCommand,
    { name: 'status', aliases: ['状态'], run: withManifest('运行状态', (manifest) => statusText(status, manifest, clock.now())) },
    ...(options.documents ? documentCommands(options.documents) : [serverOnlyReindex(isAdmin, options.logger ?? silentLogger)]),
    ...(options.reminders
      ? reminderCommands({ service: options.reminders, isAdmin, logger: options.logger ?? silentLogger, audit })
      : [
          {
            name: 'reminders',
            aliases: ['近期提醒', '提醒'],
            run: async (context: Parameters<Command['run']>[0]) => {
              await context.reply(noticeCard('政策提醒', { text: '这个机器人没有启用政策提醒。' }));
            },
          },
        ]),
  ];
}
