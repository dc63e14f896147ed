import { extname } from 'node:path';
import { IngestError } from '../errors.js';
import type { SourceText } from '../types.js';
import { binaryExtractor, type BinaryExtractor } from './binary-extractor.js';
import { decodeText } from './decode-text.js';
import { htmlToText } from './html-to-text.js';
import { joinPages } from './pdf-pages.js';
import { contentTypeOfExtension, sniffContentType } from './sniff-content-type.js';

function nonEmpty(text: string, what: string): string {
  if (text.trim() === '') throw new IngestError('unreadable', `${what} has no text${what === 'PDF' ? ' layer (scanned image?)' : ''}`);
  return text;
}

/**
 * Reads one PDF, DOCX, HTML, TXT or Markdown file into text the structure parser understands:
 * PDF pages keep their start offsets, DOCX goes through HTML, text is decoded from its encoding.
 * Throws an `IngestError` saying why a file cannot be read; JSONL is split by `loadSources`.
 */
export async function loadDocument(file: string, bytes: Buffer, extractor: BinaryExtractor = binaryExtractor): Promise<SourceText> {
  const extension = extname(file).toLowerCase();
  const expected = contentTypeOfExtension(extension);
  if (!expected) throw new IngestError('unsupported-type', `unsupported file type "${extension || 'none'}"`);
  const actual = sniffContentType(bytes);
  if ((actual === 'pdf' || actual === 'docx') && actual !== expected) {
    throw new IngestError('type-mismatch', `content is ${actual.toUpperCase()}, not ${extension}`);
  }
  switch (expected) {
    case 'pdf': {
      if (actual !== 'pdf') throw new IngestError('unreadable', 'unreadable PDF: no %PDF header');
      const paged = joinPages(await extractor.pdfPages(bytes));
      return { source: file, text: nonEmpty(paged.text, 'PDF'), pageStarts: paged.pageStarts };
    }
    case 'docx': {
      if (actual !== 'docx') throw new IngestError('unreadable', 'unreadable DOCX: not a Word document');
      return { source: file, text: nonEmpty(htmlToText(await extractor.docxHtml(bytes)).text, 'DOCX') };
    }
    case 'html':
      return { source: file, text: nonEmpty(htmlToText(decodeText(bytes)).text, 'page') };
    default:
      if (actual === 'binary') throw new IngestError('binary-content', 'binary content');
      return { source: file, text: decodeText(bytes) };
  }
}
