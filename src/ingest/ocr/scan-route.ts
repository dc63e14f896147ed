import { extname } from 'node:path';
import type { BinaryExtractor } from '../loaders/binary-extractor.js';
import { joinPages } from '../loaders/pdf-pages.js';
import { sniffContentType } from '../loaders/sniff-content-type.js';
import type { SourceText } from '../types.js';
import { isBlankPage, type ScanRequest } from './scanned-source.js';

/** Extensions read as page images. */
export const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.webp']);

/**
 * With OCR on, decides how a file is read: an image or a PDF with blank text-layer pages becomes a
 * scan request; a PDF whose every page has text is returned as text right away (parsed once);
 * anything else is undefined and goes to `loadDocument` as before.
 */
export async function routeScan(file: string, bytes: Buffer, extractor: BinaryExtractor): Promise<ScanRequest | SourceText | undefined> {
  const extension = extname(file).toLowerCase();
  if (IMAGE_EXTENSIONS.has(extension)) return { file, bytes, kind: 'image' };
  if (extension !== '.pdf' || sniffContentType(bytes) !== 'pdf') return undefined;
  const pages = await extractor.pdfPages(bytes);
  if (pages.some(isBlankPage)) return { file, bytes, kind: 'pdf', textPages: pages };
  const paged = joinPages(pages);
  return { source: file, text: paged.text, pageStarts: paged.pageStarts };
}

/** Tells a scan request from text that is ready. */
export function isScanRequest(value: ScanRequest | SourceText): value is ScanRequest {
  return 'kind' in value;
}
