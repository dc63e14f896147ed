import type { BuildSummary } from '../../index/index.js';
import type { Logger } from '../../log/index.js';
import { buildWithProgress } from '../build-with-progress.js';
import type { Runtime } from '../../app/index.js';

const LISTED = 5;

/** The OCR part of the summary: pages read or reused, and scanned pages found blank (not indexed). */
function ocrLines(summary: BuildSummary): string[] {
  const { ocr } = summary;
  if (!ocr || ocr.pagesRead + ocr.pagesCached === 0) return [];
  return [
    `  OCR: ${ocr.pagesRead} pages read, ${ocr.pagesCached} from the OCR cache`,
    ...ocr.blankPages.map((item) => `    blank page ${item.file} 第${item.page}页: not indexed`),
  ];
}

/** `a.txt, b.txt and 3 more`: a few names, so a 2,000-document corpus still fits one line. */
function names(list: string[]): string {
  return list.length > LISTED ? `${list.slice(0, LISTED).join(', ')} and ${list.length - LISTED} more` : list.join(', ');
}

/** The short summary people read: counts, time, and at most a few names per change. */
export function summaryText(summary: BuildSummary): string {
  const lines = [
    `Indexed ${summary.documents} documents into ${summary.chunks} chunks (${summary.embedded} embedded, ${summary.reused} reused) in ${summary.seconds.toFixed(1)} s.`,
  ];
  for (const [label, list] of [
    ['added', summary.added],
    ['changed', summary.changed],
    ['removed', summary.removed],
  ] as const) {
    if (list.length > 0) lines.push(`  ${label} ${list.length}: ${names(list)}`);
  }
  if (summary.skipped.length > 0) {
    lines.push(`  skipped ${summary.skipped.length}:`);
    for (const item of summary.skipped.slice(0, LISTED)) lines.push(`    ${item.file}: ${item.reason}`);
    if (summary.skipped.length > LISTED) lines.push(`    … ${summary.skipped.length - LISTED} more (--json lists them all)`);
  }
  lines.push(...ocrLines(summary));
  // Tables rebuilt from merged cells, or with rows that would not line up: the sources to check or replace.
  for (const table of summary.tables) {
    const rows = table.broken > 0 ? `, ${table.broken} rows not aligned (kept as searchable text, never quoted)` : '';
    lines.push(`  table ${table.source} 《${table.caption}》: ${table.rebuilt ? 'merged cells rebuilt' : 'read as is'}${rows}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `index [--json]`: builds DOCS_DIR into INDEX_DIR with a progress bar; a short summary, or the full one as JSON. */
export async function indexCommand(runtime: Runtime, logger: Logger, json = false): Promise<number> {
  const summary = await buildWithProgress(runtime, logger);
  process.stdout.write(json ? `${JSON.stringify(summary)}\n` : summaryText(summary));
  return 0;
}
