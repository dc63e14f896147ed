import type { Block, ParsedDocument, Span } from './types.js';

/** The unit that is embedded, indexed, retrieved and cited. */
export interface Chunk {
  id: string;
  source: string;
  title: string;
  sectionPath: string[];
  kind: Block['kind'];
  text: string;
  start: number;
  end: number;
  /** From a plain record (news, JSONL) rather than a structured policy document. */
  plain?: boolean;
  /** 1-based page of a paged source (PDF) where the chunk starts. */
  page?: number | undefined;
  /** Read by OCR from a scan. */
  scanned?: boolean;
  /** Part of it was read by OCR with low confidence: answers citing it tell the reader to check the original. */
  lowConfidence?: boolean;
}

/** Joins a section path for display: 三、重点任务 › （一）… › 1. 招商引进一批. */
export function formatSection(sectionPath: string[]): string {
  return sectionPath.join(' › ');
}

function packSpans(spans: Span[], maxChars: number): Span[][] {
  const pieces: Span[][] = [];
  let current: Span[] = [];
  let length = 0;
  for (const span of spans) {
    if (current.length > 0 && length + span.text.length > maxChars) {
      pieces.push(current);
      current = [];
      length = 0;
    }
    current.push(span);
    length += span.text.length;
  }
  if (current.length > 0) pieces.push(current);
  return pieces;
}

function sameSection(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((label, index) => label === b[index]);
}

/**
 * Section-aware chunking: records (table rows, people, document info) stay whole; paragraphs of
 * one section are packed up to `maxChars`, cut only at sentence ends, never across sections.
 */
export function chunkDocument(document: ParsedDocument, maxChars: number): Chunk[] {
  const chunks: Chunk[] = [];
  const push = (block: Block, spans: Span[], breaks: Set<Span> = new Set()): void => {
    const first = spans[0];
    const last = spans[spans.length - 1];
    if (!first || !last) return;
    chunks.push({
      id: `${document.source}#${chunks.length}`,
      source: document.source,
      title: document.meta.title,
      sectionPath: block.sectionPath,
      kind: block.kind,
      // Paragraph boundaries stay visible as line breaks, so sentences never run across them.
      text: spans.map((span) => (breaks.has(span) ? `\n${span.text}` : span.text)).join(''),
      start: first.start,
      end: last.end,
      ...(document.plain ? { plain: true } : {}),
      page: block.page,
    });
  };
  // Paragraphs of one section share a chunk while they fit whole; a paragraph is split (at
  // sentence ends) only when it alone exceeds the limit, so a labelled item (如皋市：…) stays together.
  let packed: Span[] = [];
  let breaks = new Set<Span>();
  let packedBlock: Block | undefined;
  const flush = (): void => {
    if (packedBlock && packed.length > 0) push(packedBlock, packed, breaks);
    packed = [];
    breaks = new Set();
    packedBlock = undefined;
  };
  for (const block of document.blocks) {
    if (block.kind !== 'paragraph') {
      flush();
      push(block, block.spans);
      continue;
    }
    const length = block.spans.reduce((sum, span) => sum + span.text.length, 0);
    const packedLength = packed.reduce((sum, span) => sum + span.text.length, 0);
    if (!packedBlock || !sameSection(packedBlock.sectionPath, block.sectionPath) || packedLength + length > maxChars) flush();
    if (length > maxChars) {
      for (const piece of packSpans(block.spans, maxChars)) push(block, piece);
      continue;
    }
    packedBlock ??= block;
    if (packed.length > 0 && block.spans[0]) breaks.add(block.spans[0]);
    packed.push(...block.spans);
  }
  flush();
  return chunks;
}
