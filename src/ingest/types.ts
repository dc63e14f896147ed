import type { DocumentFacts } from './document-facts.js';

/** A file or record handed to the parser: where it came from and its text. */
export interface SourceText {
  /** File name relative to DOCS_DIR, or the JSONL record id. */
  source: string;
  text: string;
  /** Known metadata (JSONL fields); the parser fills what is missing. */
  title?: string;
  date?: string | undefined;
  url?: string | undefined;
  /** Plain records (news, JSONL) skip government-document structure detection. */
  plain?: boolean;
  /** Paged sources (PDF): offset in `text` where each page starts, so blocks know their 第N页. */
  pageStarts?: number[];
  /** Read by OCR from a scan (image-only PDF pages, photos). */
  scanned?: boolean;
  /** Text ranges `[start, end)` that OCR read with low confidence; chunks overlapping them are flagged. */
  lowConfidence?: Array<[number, number]>;
}

/** What a reader needs to cite a document. */
export interface DocumentMeta {
  title: string;
  docNumber?: string;
  issuer?: string;
  date?: string;
  url?: string;
}

/** A sentence-sized stretch of source text with its offsets in the original. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/** `table-text`: rows of a table that could not be rebuilt, searchable but never quoted as a record or fact. */
type BlockKind = 'paragraph' | 'table-row' | 'person' | 'document-info' | 'table-text';

/** One unit of document structure: a paragraph, a table row or a person, placed in its section. */
export interface Block {
  kind: BlockKind;
  sectionPath: string[];
  /** Sentences for paragraphs; a single span for records. */
  spans: Span[];
  /** Column header → cell value for table rows and people, in column order. */
  fields?: Array<[string, string]>;
  /** 1-based page of a paged source (PDF) where the block starts; its section path opens with 第N页. */
  page?: number;
}

/** A parsed document: metadata and structure, ready to be chunked. */
/** How a table came out of the parser: an admin replaces the sources whose tables were not rebuilt. */
export interface TableReport {
  caption: string;
  rows: number;
  /** A multi-line header or merged cells were put back together. */
  rebuilt: boolean;
  /** Rows that did not line up with the header and are kept as text only. */
  broken: number;
}

export interface ParsedDocument {
  source: string;
  /** A plain record (news, JSONL) rather than a structured policy document. */
  plain?: boolean;
  meta: DocumentMeta;
  /** What the document says about itself: 文号, issuer, its own date, period, draft or not. */
  facts: DocumentFacts;
  blocks: Block[];
  tables: TableReport[];
}
