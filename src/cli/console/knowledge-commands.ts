import { createDocumentLibrary } from '../../admin/index.js';
import { docsDrift, hashDocsFiles, type Manifest } from '../../index/index.js';
import { progressBar } from '../progress.js';
import type { ConsoleCommand, ConsoleContext } from './console-context.js';
import { statusLabel } from '../../ingest/index.js';

function manifestOrNote(context: ConsoleContext): Manifest | undefined {
  try {
    return context.runtime.manifest();
  } catch (error) {
    context.write(`还没有可用的索引：${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** `/sources`: the indexed documents with 文号, status and period. */
export const sourcesCommand: ConsoleCommand = {
  name: 'sources',
  aliases: ['文档列表'],
  summary: '可查询的文档，含文号、状态和有效期',
  async run(context) {
    const manifest = manifestOrNote(context);
    if (!manifest) return undefined;
    const entries = Object.entries(manifest.documents);
    const lines = entries.map(([source, entry], index) => {
      const status = statusLabel(entry.facts, new Date(context.now())) || '状态未注明';
      return `${index + 1}. 《${entry.title}》${entry.docNumber ? ` ${entry.docNumber}` : ''}\n   ${status} · ${entry.chunks} 段 · ${source}`;
    });
    context.write([`共 ${entries.length} 份文档：`, ...lines].join('\n') + '\n');
    return undefined;
  },
};

/** `/docs`: the files in DOCS_DIR and whether the serving index has them as they are now. */
export const docsCommand: ConsoleCommand = {
  name: 'docs',
  aliases: ['文档管理', '文件'],
  summary: 'DOCS_DIR 里的文件，以及是否已进入索引',
  async run(context) {
    const { config } = context.runtime;
    const files = await createDocumentLibrary(config.DOCS_DIR).list();
    const recorded = manifestOrNote(context)?.files ?? {};
    const drift = docsDrift(recorded, await hashDocsFiles(config.DOCS_DIR));
    const state = (name: string): string =>
      drift.added.includes(name) ? '未索引' : drift.changed.includes(name) ? '已修改，未重新索引' : '已索引';
    const lines = files.map((file) => `- ${file.name}（${size(file.bytes)}）${state(file.name)}`);
    const removed = drift.removed.map((name) => `- ${name} 已删除，索引里还有`);
    const stale = drift.added.length + drift.changed.length + drift.removed.length > 0;
    context.write(
      [
        `${config.DOCS_DIR} 里有 ${files.length} 个文件：`,
        ...lines,
        ...removed,
        stale ? '有变化：输入 /reindex 更新索引（下次 npm start 也会自动更新）。' : '',
      ]
        .filter((line) => line !== '')
        .join('\n') + '\n',
    );
    return undefined;
  },
};

/** `/reindex`: rebuilds from DOCS_DIR (incrementally) with a progress bar, then answers from the new index. */
export const reindexCommand: ConsoleCommand = {
  name: 'reindex',
  aliases: ['重建索引'],
  summary: '按 DOCS_DIR 重新建立索引（只嵌入新增或修改的内容）',
  async run(context) {
    const progress = progressBar();
    try {
      const summary = await context.knowledge.reindex(({ stage, done, total }) => progress(stage, done, total));
      const changes = `新增 ${summary.added.length}，修改 ${summary.changed.length}，删除 ${summary.removed.length}`;
      const skipped = summary.skipped.map((item) => `\n  跳过 ${item.file}：${item.reason}`).join('');
      context.write(
        `索引已更新：${summary.documents} 个文档，${summary.chunks} 个片段（${changes}；新嵌入 ${summary.embedded} 个），用时 ${summary.seconds.toFixed(1)} 秒。${skipped}\n`,
      );
    } catch (error) {
      context.write(`重建索引失败：${error instanceof Error ? error.message : String(error)}\n`);
    }
    return undefined;
  },
};
