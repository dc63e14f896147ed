import type { ReindexProgress, StoredDocument, UploadResult } from '../../admin/index.js';
import type { BuildSummary, Manifest } from '../../index/index.js';
import { statusLabel } from '../../ingest/index.js';
import type { CardJson } from '../../cards/index.js';
import { card, escapeMarkdown, markdown, plainText } from '../../cards/index.js';

const STAGE_NAMES: Record<ReindexProgress['stage'], string> = {
  reading: '读取文件',
  ocr: '识别文字',
  parsing: '解析文档',
  embedding: '生成向量',
  indexing: '写入索引',
};
const LISTED_NAMES = 10;
const LISTED_DOCUMENTS = 40;

function names(list: string[]): string {
  const shown = list.slice(0, LISTED_NAMES).map(escapeMarkdown).join('、');
  return list.length > LISTED_NAMES ? `${shown} 等 ${list.length} 个` : shown;
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One line per stage: done stages ticked, the running one with its count. */
function stageLines(progress: ReindexProgress): string {
  // 识别文字 is listed only while scans are being read: most re-indexes have none.
  const stages = (Object.keys(STAGE_NAMES) as Array<ReindexProgress['stage']>).filter(
    (stage) => stage !== 'ocr' || progress.stage === 'ocr',
  );
  const current = stages.indexOf(progress.stage);
  return stages
    .map((stage, index) => {
      if (index < current) return `✅ ${STAGE_NAMES[stage]}`;
      if (index > current) return `⬜ ${STAGE_NAMES[stage]}`;
      const count = progress.total > 0 ? ` ${progress.done}/${progress.total}` : '';
      return `⏳ **${STAGE_NAMES[stage]}**${count}`;
    })
    .join('\n');
}

/** The card a re-index keeps updating while it runs; answers still come from the old index meanwhile. */
export function reindexProgressCard(title: string, progress: ReindexProgress, lead?: string): CardJson {
  return card({
    title,
    color: 'wathet',
    summary: `${title}：${STAGE_NAMES[progress.stage]}`,
    elements: [
      ...(lead ? [markdown(lead)] : []),
      markdown(stageLines(progress)),
      plainText('重建期间仍用原有知识库回答问题，完成后自动切换。', { grey: true, small: true }),
    ],
  });
}

/** A second /reindex while one runs: where the running one is; its own card shows the end. */
export function reindexBusyCard(progress: ReindexProgress | undefined): CardJson {
  const where = progress ? stageLines(progress) : '排队中';
  return card({
    title: '已有重建在进行',
    color: 'orange',
    summary: '已有重建在进行',
    elements: [markdown(where), plainText('完成后原来的进度卡片会显示结果，不必重复发送。', { grey: true, small: true })],
  });
}

/** What a finished build did: counts, changes, seconds, and every file that could not be read, with why. */
function summaryMarkdown(summary: BuildSummary): string {
  const lines = [
    `**文档** ${summary.documents} 份，**片段** ${summary.chunks} 个，新生成向量 ${summary.embedded} 个，复用 ${summary.reused} 个，用时 ${summary.seconds.toFixed(1)} 秒`,
    `**新增** ${summary.added.length > 0 ? names(summary.added) : '无'}`,
    `**更新** ${summary.changed.length > 0 ? names(summary.changed) : '无'}`,
    `**移除** ${summary.removed.length > 0 ? names(summary.removed) : '无'}`,
  ];
  if (summary.skipped.length > 0) {
    lines.push(`**未能读取 ${summary.skipped.length} 个文件**`);
    for (const { file, reason } of summary.skipped.slice(0, LISTED_NAMES))
      lines.push(`- ${escapeMarkdown(file)}：${escapeMarkdown(reason)}`);
  }
  return lines.join('\n');
}

/** The summary card that replaces the progress card. */
export function reindexDoneCard(title: string, summary: BuildSummary, lead?: string): CardJson {
  return card({
    title,
    color: summary.skipped.length > 0 ? 'orange' : 'green',
    summary: `${title}：${summary.documents} 份文档`,
    elements: [...(lead ? [markdown(lead)] : []), markdown(summaryMarkdown(summary))],
  });
}

/** The card after an upload: what was added and what the index now holds. */
export function uploadDoneCard(result: UploadResult, manifest: Manifest | undefined): CardJson {
  const document = manifest?.documents[result.name];
  const lead = document
    ? `已${result.replaced ? '更新' : '添加'}《${escapeMarkdown(document.title)}》${document.docNumber ? ` ${escapeMarkdown(document.docNumber)}` : ''}（${escapeMarkdown(result.name)}，${document.chunks} 个片段），现在可以提问了。`
    : `已保存 ${escapeMarkdown(result.name)}，但没有从中读到可检索的内容。`;
  return reindexDoneCard('文档已入库', result.summary, lead);
}

/** `/docs`: the files in DOCS_DIR with their titles from the serving index, numbered for `/docs remove`. */
export function documentListCard(documents: StoredDocument[], manifest: Manifest | undefined, today: Date): CardJson {
  const lines = documents.slice(0, LISTED_DOCUMENTS).map((document, index) => {
    const indexed = manifest?.documents[document.name];
    const status = indexed ? statusLabel(indexed.facts, today) : '';
    const title = indexed
      ? `《${escapeMarkdown(indexed.title)}》${status ? ` · ${escapeMarkdown(status)}` : ''} · ${indexed.chunks} 段`
      : '（未入索引）';
    return `${index + 1}. ${escapeMarkdown(document.name)} ${title} · ${size(document.bytes)}`;
  });
  if (documents.length > LISTED_DOCUMENTS) lines.push(`…… 共 ${documents.length} 个文件`);
  const body = documents.length === 0 ? '文档目录是空的。私聊发送 PDF、Word、TXT、Markdown 或网页文件即可添加。' : lines.join('\n');
  return card({
    title: `文档目录（${documents.length} 个文件）`,
    color: 'blue',
    summary: `文档目录：${documents.length} 个文件`,
    elements: [markdown(body), plainText('删除：/docs remove 文件名或序号。添加：私聊发送文件。', { grey: true, small: true })],
  });
}
