import type { OnProgress } from '../admin/index.js';
import type { Config } from '../config/index.js';
import { layout, type BuildOcr } from '../index/index.js';
import { createTesseractRecognizer, readUploadedScan } from '../ingest/index.js';
import type { Logger } from '../log/index.js';

/** The OCR settings of a build from the configuration; undefined when OCR_ENABLED=0. */
export function configuredOcr(config: Config, signal?: AbortSignal): BuildOcr | undefined {
  if (!config.OCR_ENABLED) return undefined;
  return {
    createRecognizer: () => createTesseractRecognizer({ recyclePages: config.OCR_RECYCLE_PAGES }),
    maxPages: config.OCR_MAX_PAGES,
    maxPixels: config.OCR_MAX_PIXELS,
    lowConfidence: config.OCR_LOW_CONFIDENCE,
    signal,
  };
}

/** OCR of an uploaded scan before it is stored, into the same cache the next build reads; undefined when OCR is off. */
export function uploadScanReader(
  config: Config,
  logger: Logger,
): ((name: string, bytes: Uint8Array, onProgress?: OnProgress) => Promise<boolean>) | undefined {
  const ocr = configuredOcr(config);
  if (!ocr) return undefined;
  const cacheDir = layout.ocrCache(config.INDEX_DIR);
  return (name, bytes, onProgress) =>
    readUploadedScan(name, bytes, { ...ocr, cacheDir, onPage: (done, total) => onProgress?.({ stage: 'ocr', done, total }) }, logger);
}
