import type { Logger } from '../../log/index.js';
import { binaryExtractor } from '../loaders/binary-extractor.js';
import { readScans } from './read-scans.js';
import { isScanRequest, routeScan } from './scan-route.js';
import { OcrError, type OcrOptions } from './types.js';

/**
 * Reads an uploaded scan (image, or PDF with scanned pages) before it is stored: a photo without
 * text is refused (OcrError) and nothing is written, and the build that follows finds the pages in
 * the OCR cache. Returns false for a file that is no scan, which the caller checks as before.
 */
export async function readUploadedScan(file: string, bytes: Uint8Array, options: OcrOptions, logger: Logger): Promise<boolean> {
  const routed = await routeScan(file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), binaryExtractor);
  if (!routed || !isScanRequest(routed)) return false;
  const results = await readScans([routed], options, logger);
  const refused = results.skipped[0];
  if (refused) throw new OcrError(refused.code ?? 'engine-failed', refused.reason);
  return true;
}
