import { checkFileName, imageUploadName, type KnowledgeAdmin, type OnProgress, type ReindexProgress } from '../../admin/index.js';
import type { BuildSummary, Manifest } from '../../index/index.js';
import type { Logger } from '../../log/index.js';
import { documentListCard, reindexBusyCard, reindexDoneCard, reindexProgressCard, uploadDoneCard } from '../cards/admin-cards.js';
import { noticeCard } from '../cards/notice-card.js';
import type { Clock } from '../../clock/index.js';
import { friendlyMessage } from '../answering/friendly-messages.js';
import type { MessageContext, Middleware } from '../inbound/middleware.js';
import type { CardJson } from '../../cards/index.js';
import type { DownloadMessageFile } from '../outbound/message-file.js';
import { latestThrottle } from '../answering/throttle.js';
import type { Command } from './route-commands.js';
import type { RecordAdminAction } from './admin-audit.js';
import { requireAdmin, type IsAdmin } from './admin-policy.js';

/** What the document commands and uploads need. */
export interface DocumentAdminDeps {
  admin: KnowledgeAdmin;
  isAdmin: IsAdmin;
  /** The serving index's manifest, for titles (undefined when there is no index yet). */
  manifest(): Manifest | undefined;
  download: DownloadMessageFile;
  maxUploadBytes: number;
  clock: Clock;
  logger: Logger;
  audit: RecordAdminAction;
  /** Spacing of progress card updates (default 1 s). */
  progressIntervalMs?: number | undefined;
}

const NOT_ADMIN_REINDEX = '只有管理员可以重建索引。';
const NOT_ADMIN_DOCS = '只有管理员可以管理文档。可以发送 /sources 查看可查询的文档。';
const NOT_ADMIN_UPLOAD = '只有管理员可以上传文档，文件没有保存。如需补充政策文件，请联系管理员。';
const UPLOAD_IN_GROUP = '上传文档请私聊发送给我（仅管理员）。';
const START: ReindexProgress = { stage: 'reading', done: 0, total: 0 };

function failureCard(title: string, error: unknown): CardJson {
  return noticeCard(title, { text: friendlyMessage(error) }, 'orange');
}

function summaryDetail(summary: BuildSummary): string {
  return `documents=${summary.documents} chunks=${summary.chunks} added=${summary.added.length} changed=${summary.changed.length} removed=${summary.removed.length} skipped=${summary.skipped.length} seconds=${summary.seconds.toFixed(1)}`;
}

/**
 * Starts `work` at once (so `busy` holds from this tick on), replies with a progress card, keeps it
 * updated, and replaces it with `done(result)` or the failure; the wait happens in `context.defer`,
 * so questions in this chat are answered meanwhile.
 */
async function withProgressCard<T>(
  context: MessageContext,
  deps: DocumentAdminDeps,
  job: {
    title: string;
    lead?: string;
    action: string;
    args: string;
    start: (onProgress: OnProgress) => Promise<T>;
    done: (result: T) => CardJson;
    detail: (result: T) => string;
  },
): Promise<void> {
  let push: OnProgress = () => undefined;
  const work = job.start((progress) => push(progress));
  // handled in `finish`; until then a quick refusal must not count as an unhandled rejection
  work.catch(() => undefined);
  const finish = async (messageId: string | undefined): Promise<void> => {
    // audited before the card changes: whoever sees the final card can rely on the audit entry
    let card: CardJson;
    try {
      const result = await work;
      await deps.audit(context, job.action, job.args, { ok: true, detail: job.detail(result) });
      card = job.done(result);
    } catch (error) {
      await deps.audit(context, job.action, job.args, { ok: false, detail: error instanceof Error ? error.message : String(error) });
      card = failureCard(job.title, error);
    }
    if (messageId)
      await context.update(messageId, card).catch((failure: unknown) => deps.logger.warn('lark.progress_card_failed', { error: failure }));
  };
  let messageId: string;
  try {
    messageId = await context.reply(reindexProgressCard(job.title, START, job.lead));
  } catch (error) {
    context.defer(() => finish(undefined));
    throw error;
  }
  const throttle = latestThrottle(
    (progress: ReindexProgress) => context.update(messageId, reindexProgressCard(job.title, progress, job.lead)),
    {
      intervalMs: deps.progressIntervalMs ?? 1000,
      clock: deps.clock,
      onError: (error) => deps.logger.warn('lark.progress_card_failed', { error }),
    },
  );
  push = (progress) => throttle.push(progress);
  context.defer(async () => {
    await work.catch(() => undefined);
    await throttle.settle();
    await finish(messageId);
  });
}

function reindex(deps: DocumentAdminDeps): Command {
  return {
    name: 'reindex',
    aliases: ['重建索引'],
    run: async (context, args) => {
      if (!(await requireAdmin(context, deps, 'reindex', NOT_ADMIN_REINDEX))) return;
      if (deps.admin.busy) {
        await context.reply(reindexBusyCard(deps.admin.running));
        await deps.audit(context, 'reindex', args, { ok: false, detail: 'busy' });
        return;
      }
      await withProgressCard(context, deps, {
        title: '重建索引',
        action: 'reindex',
        args,
        start: (onProgress) => deps.admin.reindex(onProgress),
        done: (summary) => reindexDoneCard('重建索引完成', summary),
        detail: summaryDetail,
      });
    },
  };
}

/** `/docs remove NAME` takes a file name or the number `/docs` shows. */
async function resolveDocument(deps: DocumentAdminDeps, argument: string): Promise<string> {
  if (/^\d+$/.test(argument)) {
    const documents = await deps.admin.documents();
    return documents[Number(argument) - 1]?.name ?? argument;
  }
  return argument;
}

function docs(deps: DocumentAdminDeps): Command {
  return {
    name: 'docs',
    aliases: ['文档管理'],
    run: async (context, args) => {
      if (!(await requireAdmin(context, deps, 'docs', NOT_ADMIN_DOCS))) return;
      const [sub = '', ...rest] = args.split(/\s+/).filter((part) => part !== '');
      if (sub === '') {
        await context.reply(documentListCard(await deps.admin.documents(), deps.manifest(), new Date(deps.clock.now())));
        return;
      }
      if (!['remove', 'rm', '删除'].includes(sub.toLowerCase()) || rest.length === 0) {
        await context.reply(
          noticeCard('文档管理', { text: '用法：/docs 查看文档目录；/docs remove 文件名或序号 删除一份文档并重建索引。' }, 'orange'),
        );
        return;
      }
      const name = await resolveDocument(deps, rest.join(' '));
      await withProgressCard(context, deps, {
        title: '删除文档',
        lead: `正在删除 ${name} 并重建索引……`,
        action: 'docs remove',
        args: name,
        start: (onProgress) => deps.admin.remove(name, onProgress),
        done: (summary) => reindexDoneCard('文档已删除', summary, `已删除 ${name}。`),
        detail: summaryDetail,
      });
    },
  };
}

/** `/reindex` and `/docs` (list, remove). */
export function documentCommands(deps: DocumentAdminDeps): Command[] {
  return [reindex(deps), docs(deps)];
}

/**
 * A file sent to the bot in a direct message: admins' files are checked (name before download, size
 * while downloading, content and readability before anything is written), stored and indexed; anyone
 * else is refused and nothing is downloaded.
 */
export function acceptUploads(deps: DocumentAdminDeps): Middleware {
  return async (context, next) => {
    const { message } = context;
    if (!message.file) return next();
    // A photo is a document (read by OCR) only when an admin sends it in a direct message; anyone else's gets the usual media reply.
    const image = message.file.type === 'image';
    if (image && (message.chatType !== 'p2p' || !deps.isAdmin(message))) return next();
    if (message.chatType !== 'p2p') {
      if (message.mentionedBot && deps.isAdmin(message)) await context.reply(noticeCard('上传文档', { text: UPLOAD_IN_GROUP }, 'orange'));
      else await next();
      return;
    }
    if (!(await requireAdmin(context, deps, 'upload', NOT_ADMIN_UPLOAD))) return;
    const { key } = message.file;
    let fileName = image ? '图片' : message.file.name;
    let bytes: Buffer;
    try {
      if (!image) checkFileName(fileName);
      bytes = await deps.download({
        messageId: message.messageId,
        fileKey: key,
        fileName,
        maxBytes: deps.maxUploadBytes,
        type: image ? 'image' : undefined,
      });
      if (image) fileName = imageUploadName(bytes, deps.clock.now());
    } catch (error) {
      deps.logger.info('lark.upload_refused', { fileName, reason: error instanceof Error ? error.message : String(error) });
      await deps.audit(context, 'upload', fileName, { ok: false, detail: error instanceof Error ? error.message : String(error) });
      await context.reply(failureCard('文件未入库', error));
      return;
    }
    await withProgressCard(context, deps, {
      title: '文档入库',
      lead: `正在把 ${fileName} 加入知识库……`,
      action: 'upload',
      args: fileName,
      start: (onProgress) => deps.admin.upload(fileName, bytes, onProgress),
      done: (result) => uploadDoneCard(result, deps.manifest()),
      detail: (result) =>
        `${result.replaced ? 'replaced' : 'added'} ${result.name} (${bytes.byteLength} bytes); ${summaryDetail(result.summary)}`,
    });
  };
}
