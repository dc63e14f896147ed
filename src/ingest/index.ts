export { parseDocument } from './parse-document.js';
export type { Block, DocumentMeta, ParsedDocument, SourceText, Span, TableReport } from './types.js';
export { chunkDocument, formatSection, type Chunk } from './chunk.js';
export { listFiles, loadSources, type LoadedSources } from './load-sources.js';
export {
  createTesseractRecognizer,
  flagLowConfidence,
  IMAGE_EXTENSIONS,
  imageInfo,
  isScanRequest,
  normalizePunctuation,
  OcrError,
  pageParagraphs,
  pnmOf,
  readScans,
  readUploadedScan,
  routeScan,
  type OcrErrorCode,
  type OcrOptions,
  type PageImage,
  type RecognizedLine,
  type ScanRequest,
  type TextRecognizer,
} from './ocr/index.js';
export { loadDocument } from './loaders/load-document.js';
export { IngestError } from './errors.js';
export { contentMatchesExtension, contentTypeOfExtension, sniffContentType } from './loaders/sniff-content-type.js';
export { documentFactsSchema, extractDocumentFacts, type DocumentFacts } from './document-facts.js';
export { documentStatus, statusLabel, statusNotice, STATUS_LABELS, withInForceMark, type InForceMark } from './document-status.js';
export {
  AUDIENCE_WORDS,
  departmentsOf,
  isResponsibilityMark,
  leadConvention,
  documentMeasuresSchema,
  extractMeasures,
  FIELD_WORDS,
  placesOf,
  placeStem,
  splitDepartments,
  wordsIn,
  type DocumentMeasures,
  type Measure,
} from './measures/index.js';
