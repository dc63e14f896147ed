import type { Logger } from '../../log/index.js';
import type { SourceText } from '../types.js';
import { OcrCache, fileHash, type CachedPages } from './ocr-cache.js';
import { imageFilePage, openPdfScan } from './page-images.js';
import { pagesToRead, scannedSource, type ScanRequest } from './scanned-source.js';
import { OcrError, type OcrErrorCode, type OcrOptions, type TextRecognizer } from './types.js';

/** What the OCR pass produced: documents, files refused with why, and pages found blank. */
interface ScanResults {
  documents: SourceText[];
  skipped: Array<{ file: string; reason: string; code?: OcrErrorCode }>;
  blankPages: Array<{ file: string; page: number }>;
  /** Pages recognised in this pass, and pages taken from the OCR cache. */
  pagesRead: number;
  pagesCached: number;
}

interface Plan {
  request: ScanRequest;
  hash: string;
  pages: number[];
  cached?: CachedPages;
}

/** Recognises the pages of one request, ticking progress once per page. */
async function recognizePages(plan: Plan, recognizer: TextRecognizer, options: OcrOptions, tick: () => void): Promise<CachedPages> {
  const result: CachedPages = new Map();
  if (plan.request.kind === 'image') {
    result.set(1, await recognizer.recognize(imageFilePage(plan.request.bytes, Infinity), options.signal));
    tick();
    return result;
  }
  const pdf = await openPdfScan(plan.request.bytes, options.maxPixels);
  try {
    for (const page of plan.pages) {
      const image = await pdf.pageImage(page);
      result.set(page, image ? await recognizer.recognize(image, options.signal) : []);
      tick();
    }
  } finally {
    await pdf.close();
  }
  return result;
}

function planOf(request: ScanRequest, cache: OcrCache, engineId: string, options: OcrOptions): Plan {
  const pages = pagesToRead(request);
  // An image's header is checked now, so a corrupt or oversized one is refused before progress starts.
  if (request.kind === 'image') imageFilePage(request.bytes, options.maxPixels);
  const maxPages = options.maxPages;
  if (pages.length > maxPages)
    throw new OcrError('too-many-pages', `扫描件需识别 ${pages.length} 页，超过上限 ${maxPages} 页（OCR_MAX_PAGES）`);
  const hash = fileHash(request.bytes);
  const cached = cache.read(hash, engineId);
  return { request, hash, pages, ...(cached ? { cached } : {}) };
}

/**
 * The OCR pass of a build: plans every scan first (limits, cache) so progress counts the pages
 * that really need reading, then reads them one page at a time. A bad file is refused by name and
 * the others go on; cancelling (options.signal) stops the pass.
 */
export async function readScans(requests: ScanRequest[], options: OcrOptions, logger: Logger): Promise<ScanResults> {
  const results: ScanResults = { documents: [], skipped: [], blankPages: [], pagesRead: 0, pagesCached: 0 };
  const cache = new OcrCache(options.cacheDir);
  let recognizer: TextRecognizer | undefined;
  const engine = (): TextRecognizer => (recognizer ??= options.createRecognizer());
  const refuse = (file: string, error: unknown): void => {
    if (error instanceof OcrError && error.code === 'cancelled') throw error;
    const reason = error instanceof Error ? error.message : String(error);
    results.skipped.push({ file, reason, ...(error instanceof OcrError ? { code: error.code } : {}) });
    logger.warn('ingest.ocr.skipped', { file, reason, ...(error instanceof OcrError ? { code: error.code } : {}) });
  };
  const plans: Plan[] = [];
  for (const request of requests) {
    try {
      plans.push(planOf(request, cache, engine().engineId, options));
    } catch (error) {
      refuse(request.file, error);
    }
  }
  const total = plans.reduce((sum, plan) => sum + (plan.cached ? 0 : plan.pages.length), 0);
  let done = 0;
  if (total > 0) options.onPage?.(0, total);
  const tick = (): void => options.onPage?.(++done, total);
  try {
    for (const plan of plans) {
      const before = done;
      try {
        const pages = plan.cached ?? (await recognizePages(plan, engine(), options, tick));
        if (!plan.cached) cache.write(plan.hash, engine().engineId, pages);
        const scanned = scannedSource(plan.request, pages, options.lowConfidence);
        results.documents.push(scanned.source);
        for (const page of scanned.blankPages) results.blankPages.push({ file: plan.request.file, page });
        if (plan.cached) results.pagesCached += plan.pages.length;
        else results.pagesRead += plan.pages.length;
      } catch (error) {
        // The refused file's unread pages still count, so the bar reaches its end.
        if (!plan.cached) while (done < before + plan.pages.length) tick();
        refuse(plan.request.file, error);
      }
    }
  } finally {
    await recognizer?.close();
  }
  return results;
}
