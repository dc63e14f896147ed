import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, type ParsedDocument } from '../../src/ingest/index.js';

export const SEEDS_DIR = join(import.meta.dirname, '..', '..', 'seeds');

export const SEED = {
  nanxun: '000_3f696c61fb7e75d6.txt',
  bozhong: '001_98514965c77a636e.txt',
  lucheng: '002_2c232a9917e77a90.txt',
  shangyu: '003_da054ad6df8bf140.txt',
  nantong: '004_0520d2b3feebbf87.txt',
} as const;

/** Parses one of the committed seed documents. */
export function parseSeed(file: string): ParsedDocument {
  return parseDocument({ source: file, text: readFileSync(join(SEEDS_DIR, file), 'utf8') });
}
