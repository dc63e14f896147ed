// Fixed sample: the bench's embedding sample (seeds + news-2k, every 4th chunk, first 800), every other one -> 400.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { chunkDocument, loadSources, parseDocument } from '../../src/ingest/index.js';
import { embeddingText } from '../../src/index/index.js';
import { silentLogger } from '../../src/log/index.js';

export const config = loadConfig();
export async function loadSample(n = 400): Promise<string[]> {
  const docsDir = '/tmp/exp-docs';
  if (!existsSync(docsDir)) {
    mkdirSync(docsDir, { recursive: true });
    cpSync('seeds', docsDir, { recursive: true });
    cpSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', 'news-2k.jsonl'), join(docsDir, 'news.jsonl'));
  }
  const texts = (await loadSources(docsDir, silentLogger))
    .documents.flatMap((document) => chunkDocument(parseDocument(document), config.CHUNK_SIZE))
    .map(embeddingText);
  const sample = texts.filter((_, index) => index % 4 === 0).slice(0, 800);
  return sample.filter((_, index) => index % 2 === 0).slice(0, n);
}
