/** A rectangle in image pixels: left, top, right, bottom. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** One line of text found on a page image, where it sits and how sure the engine is (0–1). */
export interface RecognizedLine {
  text: string;
  box: Box;
  confidence: number;
}

/** An encoded page image (PNG, JPEG, WebP, BMP or PNM) and its size in pixels. */
export interface PageImage {
  bytes: Uint8Array;
  width: number;
  height: number;
}

/**
 * Reads the text of page images. Swappable (tesseract.js today, an ONNX PaddleOCR engine could
 * follow) so loaders, the cache and tests depend only on this; `engineId` keys the OCR cache.
 */
export interface TextRecognizer {
  readonly engineId: string;
  /** The lines of one page in reading order; rejects with `OcrError('cancelled')` once `signal` aborts. */
  recognize(image: PageImage, signal?: AbortSignal): Promise<RecognizedLine[]>;
  /** Ends the engine's worker; a later `recognize` starts a fresh one. */
  close(): Promise<void>;
}

/** Why a scan could not be read. */
export type OcrErrorCode = 'too-many-pages' | 'image-too-large' | 'corrupt-image' | 'no-text' | 'engine-failed' | 'cancelled';

/** The OCR stage's error: `code` says what went wrong, the message names the limit or the file's problem. */
export class OcrError extends Error {
  override readonly name = 'OcrError';
  constructor(
    readonly code: OcrErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How scans are read during a build: the engine, the limits and where recognised pages are cached. */
export interface OcrOptions {
  /** Called once per build that meets a scan; the recognizer is closed when the scans are done. */
  createRecognizer: () => TextRecognizer;
  /** Folder of the OCR cache (keyed by file hash and engine); none = no cache. */
  cacheDir?: string;
  /** Most pages OCR'd in one file; a longer scan is refused. */
  maxPages: number;
  /** Most pixels (width × height) of one page image; a larger one is refused. */
  maxPixels: number;
  /** Lines below this confidence (0–1) make their chunk carry `lowConfidence`. */
  lowConfidence: number;
  /** Per-page progress over all pages that need recognising in this build. */
  onPage?: (done: number, total: number) => void;
  signal?: AbortSignal | undefined;
}
