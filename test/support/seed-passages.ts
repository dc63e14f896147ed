import { loadConfig } from '../../src/config/index.js';
import { chunkDocument, type Chunk } from '../../src/ingest/index.js';
import type { RetrievedPassage } from '../../src/retrieve/index.js';
import { parseSeed, SEED } from './seeds.js';

/** Real chunks of a committed seed document (parsed and chunked as the index does by default). */
export function seedChunks(file: string): Chunk[] {
  return chunkDocument(parseSeed(file), loadConfig({}).CHUNK_SIZE);
}

/** The first chunk of a seed whose text contains a phrase, as a retrieved passage. */
export function passageWith(file: string, phrase: string): RetrievedPassage {
  const chunk = seedChunks(file).find((candidate) => candidate.text.includes(phrase));
  if (!chunk) throw new Error(`no chunk of ${file} contains ${phrase}`);
  return { chunk, score: 1, dense: 0.8, lexical: 1 };
}

/** Five Nantong passages in a fixed order: [1] goal, [2] planning, [3] industry, [4] 崇川区, [5] 港闸区. */
export function nantongPassages(): RetrievedPassage[] {
  return ['到2020年底', '（一）合理规划', '（二）产业鲜明', '崇川区：', '港闸区：'].map((phrase) => passageWith(SEED.nantong, phrase));
}
