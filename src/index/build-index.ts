import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Embedder } from '../embed/index.js';
import { EmbeddingCache, embeddingKey } from '../embed/index.js';
import {
  chunkDocument,
  extractMeasures,
  flagLowConfidence,
  loadSources,
  parseDocument,
  type Chunk,
  type LoadedSources,
  type OcrOptions,
} from '../ingest/index.js';
import type { Logger } from '../log/index.js';
import { lexicalTerms, type TokenizerMode } from '../text/index.js';
import { buildLexicalIndex } from './bm25.js';
import { acquireBuildLock } from './build-lock.js';
import { hashDocsFiles } from './docs-drift.js';
import { IndexError } from './errors.js';
import type { Manifest } from './manifest.js';
import { embeddingText, lexicalText } from './search-text.js';
import { layout, readCurrentBuild, switchCurrentBuild } from './store-layout.js';
import { readManifest } from './load-index.js';
import { buildVectorStore } from './vector-store.js';

export type BuildStage = 'reading' | 'ocr' | 'parsing' | 'embedding' | 'indexing';

export interface BuildOptions {
  docsDir: string;
  indexDir: string;
  chunkSize: number;
  tokenizer: TokenizerMode;
  embedder: Embedder;
  logger: Logger;
  onProgress?: ((stage: BuildStage, done: number, total: number) => void) | undefined;
  /** Reads scanned PDF pages and images by OCR (cached under INDEX_DIR/cache/ocr); none = scans are skipped. */
  ocr?: BuildOcr | undefined;
  now?: () => Date;
  /** The caller already holds INDEX_DIR's build lock (taken before loading the model, so a refusal is immediate). */
  lockHeld?: boolean;
  /** Test hook: called after the new build is written and before it is switched in. */
  beforeSwitch?: () => Promise<void> | void;
}

/** What a build did, for the CLI summary and the admin card. */
export interface BuildSummary {
  buildId: string;
  documents: number;
  chunks: number;
  embedded: number;
  reused: number;
  added: string[];
  changed: string[];
  removed: string[];
  skipped: Array<{ file: string; reason: string }>;
  /** Tables rebuilt from merged cells, or with rows kept as text only: which sources to check or replace. */
  tables: Array<{ source: string; caption: string; rebuilt: boolean; broken: number }>;
  /** With OCR: pages recognised, pages taken from the OCR cache, scanned pages found blank (not indexed). */
  ocr?: LoadedSources['ocr'];
  seconds: number;
}

/** The OCR settings of a build; the cache folder and progress are filled in by the build. */
export type BuildOcr = Omit<OcrOptions, 'cacheDir' | 'onPage'>;

const EMBED_SLICE = 256;

async function embedChunks(
  chunks: Chunk[],
  options: BuildOptions,
  cache: EmbeddingCache,
): Promise<{ vectors: Float32Array[]; embedded: number }> {
  const { embedder } = options;
  const texts = chunks.map(embeddingText);
  const keys = texts.map((text) => embeddingKey(embedder.cacheKey ?? embedder.modelId, text));
  // identical chunk text (a document copied twice, repeated boilerplate) is embedded once per build
  const firstOfKey = new Map<string, number>();
  keys.forEach((key, index) => {
    if (!cache.get(key) && !firstOfKey.has(key)) firstOfKey.set(key, index);
  });
  const missing = [...firstOfKey.values()];
  for (let offset = 0; offset < missing.length; offset += EMBED_SLICE) {
    const slice = missing.slice(offset, offset + EMBED_SLICE);
    const vectors = await embedder.embed(
      slice.map((index) => texts[index] ?? ''),
      'passage',
    );
    slice.forEach((index, position) => cache.set(keys[index] ?? '', vectors[position] ?? new Float32Array()));
    cache.flush();
    options.onProgress?.('embedding', Math.min(offset + slice.length, missing.length), missing.length);
  }
  return { vectors: keys.map((key) => cache.get(key) ?? new Float32Array(embedder.dimensions)), embedded: missing.length };
}

function removeStaleBuilds(indexDir: string, keep: string[]): void {
  let entries: string[] = [];
  try {
    entries = readdirSync(layout.builds(indexDir));
  } catch {
    return;
  }
  for (const entry of entries) if (!keep.includes(entry)) rmSync(layout.build(indexDir, entry), { recursive: true, force: true });
}

/**
 * Builds a new index beside the serving one and switches CURRENT to it only when complete:
 * a build that fails or is killed leaves the previous index serving. One build per INDEX_DIR at a
 * time: a second one is refused at once with IndexError('busy').
 */
export async function buildIndex(options: BuildOptions): Promise<BuildSummary> {
  const lock = options.lockHeld ? undefined : acquireBuildLock(options.indexDir);
  try {
    return await buildLocked(options);
  } finally {
    lock?.release();
  }
}

async function buildLocked(options: BuildOptions): Promise<BuildSummary> {
  const started = performance.now();
  const now = options.now ?? (() => new Date());
  const previousId = readCurrentBuild(options.indexDir);
  const previous = previousId ? safeManifest(options.indexDir, previousId) : undefined;
  const ocr: OcrOptions | undefined = options.ocr && {
    ...options.ocr,
    cacheDir: layout.ocrCache(options.indexDir),
    onPage: (done, total) => options.onProgress?.('ocr', done, total),
  };
  // hashed before reading: a file changed in between is seen as changed at the next start
  const files = await hashDocsFiles(options.docsDir);
  const sources = await loadSources(options.docsDir, options.logger, (done, total) => options.onProgress?.('reading', done, total), ocr);
  const chunks: Chunk[] = [];
  const documents: Manifest['documents'] = {};
  const tables: BuildSummary['tables'] = [];
  sources.documents.forEach((source, index) => {
    const parsed = parseDocument(source);
    for (const table of parsed.tables)
      if (table.rebuilt || table.broken > 0)
        tables.push({ source: source.source, caption: table.caption, rebuilt: table.rebuilt, broken: table.broken });
    const documentChunks = flagLowConfidence(chunkDocument(parsed, options.chunkSize), source);
    for (const chunk of documentChunks) chunks.push({ ...chunk, id: `${chunk.source}#${chunks.length}` });
    documents[source.source] = {
      hash: sources.hashes[source.source] ?? '',
      title: parsed.meta.title,
      ...(parsed.meta.docNumber ? { docNumber: parsed.meta.docNumber } : {}),
      chunks: documentChunks.length,
      facts: parsed.facts,
      measures: extractMeasures(parsed),
    };
    options.onProgress?.('parsing', index + 1, sources.documents.length);
  });
  const cacheName = options.embedder.cacheKey ?? options.embedder.modelId;
  const cache = new EmbeddingCache(layout.cache(options.indexDir, cacheName), options.embedder.dimensions);
  const { vectors, embedded } = await embedChunks(chunks, options, cache);
  options.onProgress?.('indexing', 0, 1);
  const buildId = `${now()
    .toISOString()
    .replace(/[-:.TZ]/g, '')}-${process.pid}`;
  const buildDir = layout.build(options.indexDir, buildId);
  try {
    mkdirSync(buildDir, { recursive: true });
    buildVectorStore(vectors, options.embedder.dimensions).save(layout.vectors(buildDir));
    const lexical = buildLexicalIndex(chunks.map((chunk) => lexicalTerms(lexicalText(chunk), options.tokenizer)));
    writeFileSync(layout.lexical(buildDir), JSON.stringify(lexical));
    writeFileSync(layout.chunks(buildDir), chunks.map((chunk) => JSON.stringify(chunk)).join('\n') + '\n');
    const manifest: Manifest = {
      version: 1,
      buildId,
      modelId: options.embedder.modelId,
      dimensions: options.embedder.dimensions,
      tokenizer: options.tokenizer,
      chunkSize: options.chunkSize,
      builtAt: now().toISOString(),
      documents,
      counts: { documents: Object.keys(documents).length, chunks: chunks.length },
      files,
    };
    writeFileSync(layout.manifest(buildDir), JSON.stringify(manifest, null, 2));
    await options.beforeSwitch?.();
    switchCurrentBuild(options.indexDir, buildId);
  } catch (error) {
    rmSync(buildDir, { recursive: true, force: true });
    throw new IndexError('build-failed', `Index build failed: ${(error as Error).message}`, { cause: error });
  }
  removeStaleBuilds(options.indexDir, [buildId, ...(previousId ? [previousId] : [])]);
  options.onProgress?.('indexing', 1, 1);
  const before = previous?.documents ?? {};
  const names = Object.keys(documents);
  return {
    buildId,
    documents: names.length,
    chunks: chunks.length,
    embedded,
    reused: chunks.length - embedded,
    added: names.filter((name) => !before[name]),
    changed: names.filter((name) => before[name] && before[name].hash !== documents[name]?.hash),
    removed: Object.keys(before).filter((name) => !documents[name]),
    skipped: sources.skipped,
    tables,
    ocr: sources.ocr,
    seconds: (performance.now() - started) / 1000,
  };
}

function safeManifest(indexDir: string, buildId: string): Manifest | undefined {
  try {
    return readManifest(layout.build(indexDir, buildId));
  } catch {
    return undefined;
  }
}
