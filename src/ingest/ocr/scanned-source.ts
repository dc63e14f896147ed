import type { SourceText } from '../types.js';
import { joinPages } from '../loaders/pdf-pages.js';
import type { CachedPages } from './ocr-cache.js';
import { pageParagraphs } from './page-text.js';
import { OcrError } from './types.js';

/** A file that needs OCR: an image, or a PDF with the text layer of each page (blank where scanned). */
export interface ScanRequest {
  file: string;
  bytes: Uint8Array;
  kind: 'pdf' | 'image';
  /** The PDF's text layer per page; pages without text are the ones OCR reads. */
  textPages?: string[];
}

// Fewer letters or digits than this and a page counts as blank (a page number, a stamp, specks).
const MIN_PAGE_CHARACTERS = 6;
// Lines the engine is this unsure of are noise (photos, stamps, specks), not text.
const NOISE_CONFIDENCE = 0.3;

function characters(text: string): number {
  return text.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
}

/** True when a text-layer page has no real text, so its scan must be read. */
export function isBlankPage(text: string): boolean {
  return characters(text) < MIN_PAGE_CHARACTERS;
}

/** The 1-based pages of a request that OCR must read. */
export function pagesToRead(request: ScanRequest): number[] {
  if (request.kind === 'image') return [1];
  return (request.textPages ?? []).flatMap((text, index) => (isBlankPage(text) ? [index + 1] : []));
}

/** A scanned file as source text, the pages found blank, and its text ranges read with low confidence. */
interface ScannedSource {
  source: SourceText;
  blankPages: number[];
}

/**
 * Assembles a scanned file's text from its text-layer pages and its recognised pages (one paragraph
 * per line, like a text layer), marking the ranges read with low confidence. Throws
 * `OcrError('no-text')` (未识别到文字) when nothing readable was found.
 */
export function scannedSource(request: ScanRequest, recognized: CachedPages, lowConfidence: number): ScannedSource {
  const pageCount = request.kind === 'image' ? 1 : (request.textPages?.length ?? 0);
  const pages: string[] = [];
  const blankPages: number[] = [];
  const lowRanges: Array<[number, number]> = [];
  const pageLow: Array<Array<[number, number]>> = [];
  for (let page = 1; page <= pageCount; page += 1) {
    const lines = recognized.get(page);
    const low: Array<[number, number]> = [];
    if (!lines) {
      pages.push(request.textPages?.[page - 1] ?? '');
    } else {
      const paragraphs = pageParagraphs(lines.filter((line) => line.confidence >= NOISE_CONFIDENCE));
      let text = '';
      for (const paragraph of paragraphs) {
        if (paragraph.confidence < lowConfidence) low.push([text.length, text.length + paragraph.text.length]);
        text += `${paragraph.text}\n`;
      }
      if (isBlankPage(text)) {
        blankPages.push(page);
        text = '';
      }
      pages.push(text);
    }
    pageLow.push(low);
  }
  const paged = joinPages(pages);
  pageLow.forEach((ranges, index) => {
    const start = paged.pageStarts[index] ?? 0;
    for (const [from, to] of ranges) lowRanges.push([start + from, start + to]);
  });
  if (characters(paged.text) < MIN_PAGE_CHARACTERS) throw new OcrError('no-text', '未识别到文字');
  const source: SourceText = {
    source: request.file,
    text: paged.text,
    ...(request.kind === 'pdf' ? { pageStarts: paged.pageStarts } : {}),
    scanned: true,
    ...(lowRanges.length > 0 ? { lowConfidence: lowRanges } : {}),
  };
  return { source, blankPages };
}
