import type { Block } from './types.js';

/** The 1-based page holding `offset`, given the offsets where pages start. */
function pageAt(offset: number, pageStarts: number[]): number {
  let page = 0;
  while (page + 1 < pageStarts.length && (pageStarts[page + 1] ?? Infinity) <= offset) page += 1;
  return page + 1;
}

/**
 * Places each block of a paged source (PDF) on the page where it starts: `page` for code, and a
 * leading 第N页 in the section path so every citation of it says where to look.
 */
export function withPages(blocks: Block[], pageStarts: number[]): Block[] {
  return blocks.map((block) => {
    const page = pageAt(block.spans[0]?.start ?? 0, pageStarts);
    return { ...block, page, sectionPath: [`第${page}页`, ...block.sectionPath] };
  });
}
