import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/index.js';
import { IngestError } from './errors.js';
import { decodeText } from './loaders/decode-text.js';
import { binaryExtractor } from './loaders/binary-extractor.js';
import { loadDocument } from './loaders/load-document.js';
import { isScanRequest, readScans, routeScan, type OcrOptions, type ScanRequest } from './ocr/index.js';
import type { SourceText } from './types.js';

/** Everything read from DOCS_DIR, with per-document content hashes for incremental re-indexing. */
export interface LoadedSources {
  documents: SourceText[];
  hashes: Record<string, string>;
  skipped: Array<{ file: string; reason: string }>;
  /** With OCR on: scanned pages found blank (reported, not indexed) and pages read or taken from the cache. */
  ocr?: { blankPages: Array<{ file: string; page: number }>; pagesRead: number; pagesCached: number };
}

const jsonlRecord = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().min(1),
  title: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Every file below a folder, sorted; hidden entries are ignored (the loader, the document library and the drift check agree). */
export function listFiles(directory: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(path));
    else if (entry.isFile()) files.push(path);
  }
  return files.sort();
}

function parseJsonl(file: string, text: string, logger: Logger, skipped: LoadedSources['skipped']): SourceText[] {
  const documents: SourceText[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = `line ${index + 1}: not valid JSON (${(error as Error).message})`;
      skipped.push({ file, reason });
      logger.warn('ingest.jsonl.malformed', { file, line: index + 1, reason });
      return;
    }
    const record = jsonlRecord.safeParse(value);
    if (!record.success) {
      const reason = `line ${index + 1}: ${record.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`;
      skipped.push({ file, reason });
      logger.warn('ingest.jsonl.invalid', { file, line: index + 1, reason });
      return;
    }
    const { id, text: body, title, date, url } = record.data;
    documents.push({ source: id, text: body, title: title ?? firstLineTitle(body), date, url, plain: true });
  });
  return documents;
}

function firstLineTitle(text: string): string {
  const firstSentence = text.trim().split(/[\n。！？]/)[0] ?? '';
  return firstSentence.length > 40 ? `${firstSentence.slice(0, 40)}…` : firstSentence;
}

/** Reads one file into `result`, or records why it was skipped; never throws for a bad file. */
async function loadFile(path: string, file: string, result: LoadedSources, logger: Logger, scans?: ScanRequest[]): Promise<void> {
  try {
    const bytes = await readFile(path);
    const routed = scans ? await routeScan(file, bytes, binaryExtractor) : undefined;
    if (routed && isScanRequest(routed)) return void scans?.push(routed);
    if (routed) {
      result.documents.push(routed);
      result.hashes[file] = sha256(routed.text);
      return;
    }
    if (extname(file).toLowerCase() === '.jsonl') {
      for (const document of parseJsonl(file, decodeText(bytes).replace(/^\uFEFF/, ''), logger, result.skipped)) {
        result.documents.push(document);
        result.hashes[document.source] = sha256(document.text + (document.title ?? ''));
      }
      return;
    }
    const document = await loadDocument(file, bytes);
    document.text = document.text.replace(/^\uFEFF/, '');
    result.documents.push(document);
    result.hashes[file] = sha256(document.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result.skipped.push({ file, reason });
    logger.warn('ingest.skipped', { file, reason, ...(error instanceof IngestError ? { code: error.code } : {}) });
  }
}

/**
 * Reads .txt/.md (any common encoding), .jsonl, .pdf, .docx and .html documents under a folder;
 * unsupported, corrupt or mislabelled files are skipped with a warning naming them. With `ocr`,
 * scanned PDF pages and .png/.jpg/.jpeg/.webp images are read by OCR after the other files.
 */
export async function loadSources(
  directory: string,
  logger: Logger,
  onFile?: (done: number, total: number) => void,
  ocr?: OcrOptions,
): Promise<LoadedSources> {
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`DOCS_DIR is not a folder: ${directory}`);
  }
  const result: LoadedSources = { documents: [], hashes: {}, skipped: [] };
  const paths = listFiles(directory);
  const scans: ScanRequest[] | undefined = ocr ? [] : undefined;
  for (const [index, path] of paths.entries()) {
    await loadFile(path, relative(directory, path).split(sep).join('/'), result, logger, scans);
    onFile?.(index + 1, paths.length);
  }
  if (ocr && scans) {
    const scanned = await readScans(scans, ocr, logger);
    for (const document of scanned.documents) {
      result.documents.push(document);
      result.hashes[document.source] = sha256(document.text);
    }
    result.skipped.push(...scanned.skipped.map(({ file, reason }) => ({ file, reason })));
    result.ocr = { blankPages: scanned.blankPages, pagesRead: scanned.pagesRead, pagesCached: scanned.pagesCached };
  }
  return result;
}
