import type { BuildSummary } from '../../index/index.js';
import type { Logger } from '../../log/index.js';
import { buildWithProgress } from '../build-with-progress.js';
import type { Runtime } from '../runtime.js';

/** The OCR part of the summary: pages read or reused, and scanned pages found blank (not indexed). */
function ocrLines(summary: BuildSummary): string {
  const { ocr } = summary;
  if (!ocr || ocr.pagesRead + ocr.pagesCached === 0) return '';
  const blank = ocr.blankPages.map((item) => `\n  blank page ${item.file} 第${item.page}页: not indexed`).join('');
  return `\n  OCR: ${ocr.pagesRead} pages read, ${ocr.pagesCached} from the OCR cache${blank}`;
}

/** `index`: builds DOCS_DIR into INDEX_DIR with a progress bar and a summary. */
export async function indexCommand(runtime: Runtime, logger: Logger): Promise<number> {
  const summary = await buildWithProgress(runtime, logger);
  const skipped = summary.skipped.map((item) => `\n  skipped ${item.file}: ${item.reason}`).join('') + ocrLines(summary);
  const tables = summary.tables
    .map((table) => `\n  table ${table.source} 《${table.caption}》: ${table.rebuilt ? 'merged cells rebuilt' : 'read as is'}${table.broken > 0 ? `, ${table.broken} rows not aligned (kept as searchable text, never quoted)` : ''}`)
    .join('');
  process.stderr.write(
    `Indexed ${summary.documents} documents into ${summary.chunks} chunks ` +
      `(${summary.embedded} embedded, ${summary.reused} reused) in ${summary.seconds.toFixed(1)} s` +
      ` [added ${summary.added.length}, changed ${summary.changed.length}, removed ${summary.removed.length}]${skipped}${tables}\n`,
  );
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
