import type { Config } from '../config/index.js';
import type { BuildOcr } from '../index/index.js';
import { createTesseractRecognizer } from '../ingest/index.js';

/** The OCR settings of a build from the configuration; undefined when OCR_ENABLED=0. */
export function configuredOcr(config: Config, signal?: AbortSignal): BuildOcr | undefined {
  if (!config.OCR_ENABLED) return undefined;
  return {
    createRecognizer: () => createTesseractRecognizer({ recyclePages: config.OCR_RECYCLE_PAGES }),
    maxPages: config.OCR_MAX_PAGES,
    maxPixels: config.OCR_MAX_PIXELS,
    lowConfidence: config.OCR_LOW_CONFIDENCE,
    ...(signal ? { signal } : {}),
  };
}

/** Progress labels people read: the OCR stage shows as 识别文字 x/y. */
export function stageLabel(stage: string): string {
  return stage === 'ocr' ? '识别文字' : stage;
}
