import type { ParsedDocument } from '../../ingest/index.js';

/** The year a document's undated times (3月-10月) belong to, and why it was chosen. */
interface DocumentYear {
  year: number;
  basis: string;
}

/**
 * The document's own date when it has one; otherwise the year its text names most often (the 2025
 * 提升年 plan says 2025年 in every target). Undefined when neither exists, so nothing is guessed.
 */
export function documentYear(document: ParsedDocument): DocumentYear | undefined {
  const dated = /(\d{4})/.exec(document.meta.date ?? '');
  if (dated?.[1]) return { year: Number(dated[1]), basis: `文件日期 ${document.meta.date ?? ''}` };
  const counts = new Map<number, number>();
  for (const block of document.blocks) {
    for (const span of block.spans) {
      for (const match of span.text.matchAll(/(20\d{2})\s*年(?![底末])/g)) {
        const year = Number(match[1]);
        counts.set(year, (counts.get(year) ?? 0) + 1);
      }
    }
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0]);
  return best ? { year: best[0], basis: `正文中“${best[0]}年”出现 ${best[1]} 次（文件无日期，请核对）` } : undefined;
}
