import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log/index.js';
import type { SourceText } from './types.js';

/** Everything read from DOCS_DIR, with per-document content hashes for incremental re-indexing. */
export interface LoadedSources {
  documents: SourceText[];
  hashes: Record<string, string>;
  skipped: Array<{ file: string; reason: string }>;
}

const jsonlRecord = z.object({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  text: z.string().min(1),
  title: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});

const TEXT_EXTENSIONS = new Set(['.txt', '.md', '.markdown']);

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function looksBinary(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.includes(0)) return true;
  const text = sample.toString('utf8');
  const replacement = (text.match(/\uFFFD/g) ?? []).length;
  return replacement > Math.max(4, text.length * 0.02);
}

function listFiles(directory: string): string[] {
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

/** Reads .txt/.md/.jsonl documents under a folder; anything else is skipped with a warning naming it. */
export function loadSources(directory: string, logger: Logger): LoadedSources {
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`DOCS_DIR is not a folder: ${directory}`);
  }
  const result: LoadedSources = { documents: [], hashes: {}, skipped: [] };
  for (const path of listFiles(directory)) {
    const file = relative(directory, path).split(sep).join('/');
    const extension = extname(file).toLowerCase();
    const bytes = readFileSync(path);
    if (!TEXT_EXTENSIONS.has(extension) && extension !== '.jsonl') {
      result.skipped.push({ file, reason: `unsupported file type "${extension || 'none'}"` });
      logger.warn('ingest.skipped', { file, reason: 'unsupported file type' });
      continue;
    }
    if (looksBinary(bytes)) {
      result.skipped.push({ file, reason: 'binary content' });
      logger.warn('ingest.skipped', { file, reason: 'binary content' });
      continue;
    }
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (extension === '.jsonl') {
      for (const document of parseJsonl(file, text, logger, result.skipped)) {
        result.documents.push(document);
        result.hashes[document.source] = sha256(document.text + (document.title ?? ''));
      }
    } else {
      result.documents.push({ source: file, text });
      result.hashes[file] = sha256(text);
    }
  }
  return result;
}
