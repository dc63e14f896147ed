export type { Box, OcrErrorCode, OcrOptions, PageImage, RecognizedLine, TextRecognizer } from './types.js';
export { OcrError } from './types.js';
export { createTesseractRecognizer, type TesseractRecognizerConfig } from './tesseract-recognizer.js';
export { imageInfo, pnmOf, type ImageInfo } from './image-info.js';
export { normalizePunctuation, pageParagraphs, type ScannedParagraph } from './page-text.js';
export { readScans, type ScanResults } from './read-scans.js';
export { IMAGE_EXTENSIONS, isScanRequest, routeScan } from './scan-route.js';
export type { ScanRequest } from './scanned-source.js';
export { flagLowConfidence } from './low-confidence.js';
