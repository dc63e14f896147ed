import type { Chunk } from '../../ingest/index.js';
import { DatabaseError, migrate, type Database, type Queryable } from '../../postgres/index.js';
import { indexMigrations } from './migrations.js';
import { embeddingKey, type EmbeddingCache } from '../../embed/index.js';
import { lexicalTerms } from '../../text/index.js';
import { idfFromCounts, type ScoredChunk } from '../bm25.js';
import { exhaustiveLexical, impactIndex, termWeights } from './postgres-lexical.js';
import { exactTopK } from '../exact-top-k.js';
import { IndexError } from '../errors.js';
import type { KnowledgeIndex } from '../load-index.js';
import { embeddingText, lexicalText } from '../search-text.js';
import { manifestSchema, type Manifest } from '../manifest.js';

/** One chunk as a generation stores it: the chunk, its vector and its lexical terms. */
export interface GenerationRow {
  chunk: Chunk;
  vector: Float32Array;
  terms: string[];
}

/** The serving generation: what a search runs against. */
export interface Generation {
  id: number;
  manifest: Manifest;
  dimensions: number;
  chunkCount: number;
}

const INSERT_BATCH = 200;
/**
 * Chunks scored in full per lexical search beyond the first pass. Measured at 100,000 chunks
 * (bench/lexical-profile.ts, top 50): 150 keeps 97.5 % of the exact top 50, 200 98.4 %, 300 99.1 %,
 * at p95 40, 45 and 47 ms; the exact search's p95 is about 120 ms for the top 10.
 */
const LEXICAL_SCORE_BUDGET = 200;
/**
 * Below this many postings for all query terms together, the lexical search just sums them: MaxScore's
 * fixed cost (a first pass and a few hundred full scores) is 10–30 ms, summing 20,000 postings a few.
 */
const SUM_ALL_BELOW = 20_000;
/** Chunk rows of the serving generation kept in memory (a few MB). */
const RECENT_CHUNKS = 2_000;
/** maintenance_work_mem for an HNSW build: 100,000 vectors of 512 dimensions need about 300 MB in memory. */
const HNSW_BUILD_MEMORY = '1GB';

/** pgvector's text form of a vector. */
function vectorLiteral(vector: Float32Array): string {
  return `[${Array.from(vector, (value) => (Number.isFinite(value) ? value : 0)).join(',')}]`;
}

/** Creates pgvector if it is missing (a clear error when the server does not have it) and migrates. */
export async function prepareKnowledgeSchema(database: Database): Promise<void> {
  try {
    await database.query('CREATE EXTENSION IF NOT EXISTS vector SCHEMA public');
  } catch (error) {
    throw new DatabaseError(
      'missing-extension',
      `PostgreSQL has no pgvector extension (${(error as Error).message}). Install it (Debian: apt install postgresql-15-pgvector; ` +
        'Docker: the pgvector/pgvector image) and run CREATE EXTENSION vector as a superuser, or keep the index embedded.',
      { cause: error },
    );
  }
  // an extension lives in one schema per database: one created elsewhere is invisible from ours
  const installed = await database.query<{ schema: string; visible: boolean }>(
    "SELECT n.nspname AS schema, n.nspname = ANY (current_schemas(false)) AS visible FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'",
  );
  const where = installed.rows[0];
  if (where && !where.visible) {
    throw new DatabaseError(
      'missing-extension',
      `pgvector is installed in schema "${where.schema}", which this bot cannot see: run ALTER EXTENSION vector SET SCHEMA public as a superuser.`,
    );
  }
  await migrate(database, indexMigrations);
}

/** The mean number of terms per chunk: BM25's average document length. */
function averageTermCount(rows: GenerationRow[]): number {
  return rows.reduce((sum, row) => sum + row.terms.length, 0) / Math.max(1, rows.length);
}

/** The inverted index BM25 reads: one row per (term, chunk) with the term's weight in that chunk. */
async function insertPostings(
  client: Queryable,
  generation: number,
  weighted: Array<Array<{ term: string; weight: number }>>,
  offset: number,
): Promise<void> {
  const postings = weighted.flatMap((weights, position) => weights.map(({ term, weight }) => ({ term, idx: offset + position, weight })));
  await client.query(
    `INSERT INTO kb_postings (generation, term, idx, weight)
     SELECT ${generation}, * FROM unnest($1::text[], $2::int[], $3::float8[])`,
    [postings.map((posting) => posting.term), postings.map((posting) => posting.idx), postings.map((posting) => posting.weight)],
  );
}

/** Each term's document frequency in a generation, from its postings (the IDF a search needs). */
async function recordDocumentFrequencies(client: Queryable, generation: number, rows: GenerationRow[]): Promise<void> {
  // counted here, from the rows in memory: a GROUP BY over every posting of a large generation takes minutes
  const frequencies = new Map<string, number>();
  for (const row of rows) for (const term of new Set(row.terms)) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  const entries = [...frequencies];
  for (let offset = 0; offset < entries.length; offset += 50_000) {
    const batch = entries.slice(offset, offset + 50_000);
    await client.query(`INSERT INTO kb_terms (generation, term, df) SELECT ${generation}, * FROM unnest($1::text[], $2::int[])`, [
      batch.map(([term]) => term),
      batch.map(([, count]) => count),
    ]);
  }
}

async function insertRows(
  client: Queryable,
  generation: number,
  rows: GenerationRow[],
  offset: number,
  averageLength: number,
): Promise<void> {
  const values: unknown[] = [];
  // each chunk's term weights, stored with the chunk (whole scores) and as its postings
  const weighted = rows.map((row) => termWeights(row.terms, averageLength));
  const tuples = rows.map((row, position) => {
    const base = position * 6;
    const weights = weighted[position] ?? [];
    values.push(
      offset + position,
      JSON.stringify(row.chunk),
      vectorLiteral(row.vector),
      row.terms.length,
      weights.map((entry) => entry.term),
      weights.map((entry) => entry.weight),
    );
    return `(${generation}, $${base + 1}, $${base + 2}, $${base + 3}::vector, $${base + 4}, $${base + 5}::text[], $${base + 6}::float8[])`;
  });
  await client.query(
    `INSERT INTO kb_chunks (generation, idx, chunk, embedding, length, terms, term_weights) VALUES ${tuples.join(', ')}`,
    values,
  );
  await insertPostings(client, generation, weighted, offset);
}

/**
 * Writes a new generation beside the serving one and switches `kb_current` to it in one transaction
 * once it is complete, HNSW index included. A build that fails (or a process killed midway) leaves
 * the old generation serving; its rows are marked failed and removed.
 */
export async function writeGeneration(database: Database, manifest: Manifest, rows: GenerationRow[]): Promise<number> {
  const dimensions = manifest.dimensions;
  const created = await database.query<{ id: string }>(
    "INSERT INTO kb_generations (state, manifest, dimensions) VALUES ('building', $1, $2) RETURNING id",
    [JSON.stringify(manifest), dimensions],
  );
  const generation = Number(created.rows[0]?.id);
  try {
    const averageLength = averageTermCount(rows);
    for (let offset = 0; offset < rows.length; offset += INSERT_BATCH) {
      await insertRows(database, generation, rows.slice(offset, offset + INSERT_BATCH), offset, averageLength);
    }
    await recordDocumentFrequencies(database, generation, rows);
    // indexes of its own (partial), built once the rows are in (a bulk build, not row by row) while the
    // old generation keeps serving from its own; the HNSW graph is built in memory when it fits
    await database.query(
      `CREATE INDEX kb_postings_impact_${generation} ON kb_postings (term, weight DESC, idx) WHERE generation = ${generation}`,
    );
    await database.transaction(async (client) => {
      await client.query(`SET LOCAL maintenance_work_mem = '${HNSW_BUILD_MEMORY}'`);
      await client.query(
        `CREATE INDEX kb_chunks_embedding_${generation} ON kb_chunks USING hnsw ((embedding::vector(${dimensions})) vector_cosine_ops) WHERE generation = ${generation}`,
      );
    });
    await database.transaction(async (client) => {
      await client.query("UPDATE kb_generations SET state = 'ready', chunk_count = $2 WHERE id = $1", [generation, rows.length]);
      await client.query(
        'INSERT INTO kb_current (only_one, generation) VALUES (true, $1) ON CONFLICT (only_one) DO UPDATE SET generation = EXCLUDED.generation',
        [generation],
      );
    });
  } catch (error) {
    await database.query("UPDATE kb_generations SET state = 'failed' WHERE id = $1", [generation]).catch(() => undefined);
    await dropGeneration(database, generation).catch(() => undefined);
    throw error;
  }
  await removeOldGenerations(database, generation);
  // marks the new rows all-visible, so postings are read from their index alone (index-only scans:
  // 486 → 8 ms for a 20-term read at 100,000 chunks, measured), and refreshes the planner's statistics
  await database.query('VACUUM (ANALYZE) kb_postings, kb_chunks, kb_terms');
  return generation;
}

async function dropGeneration(database: Database, generation: number): Promise<void> {
  await database.query(`DROP INDEX IF EXISTS kb_chunks_embedding_${generation}`);
  await database.query(`DELETE FROM kb_chunks WHERE generation = ${generation}`);
  await database.query(`DELETE FROM kb_terms WHERE generation = ${generation}`);
  // found through the generation's own index, dropped after
  await database.query(`DELETE FROM kb_postings WHERE generation = ${generation}`);
  await database.query(`DROP INDEX IF EXISTS kb_postings_impact_${generation}`);
}

/** Keeps the serving generation and the one before it (instances may still be on it for a few seconds). */
async function removeOldGenerations(database: Database, serving: number): Promise<void> {
  const old = await database.query<{ id: string }>('SELECT id FROM kb_generations WHERE id < $1 ORDER BY id DESC OFFSET 1', [serving]);
  for (const row of old.rows) await dropGeneration(database, Number(row.id));
}

/** The generation `kb_current` points at, or undefined before the first build. */
export async function currentGeneration(database: Queryable): Promise<Generation | undefined> {
  const result = await database.query<{ id: string; manifest: unknown; dimensions: number; chunk_count: number }>(
    'SELECT g.id, g.manifest, g.dimensions, g.chunk_count FROM kb_current c JOIN kb_generations g ON g.id = c.generation',
  );
  const row = result.rows[0];
  if (!row) return undefined;
  const manifest = manifestSchema.parse(row.manifest);
  return { id: Number(row.id), manifest, dimensions: row.dimensions, chunkCount: row.chunk_count };
}

/** Dense and lexical search against one generation, plus the chunks they name. */
export interface PostgresSearch {
  readonly generation: Generation;
  dense(vector: Float32Array, limit: number): Promise<ScoredChunk[]>;
  /** Okapi BM25 over the query's distinct terms (IDF from the generation's document frequencies), computed in SQL. */
  lexical(terms: string[], limit: number): Promise<ScoredChunk[]>;
  chunks(indexes: number[]): Promise<Map<number, Chunk>>;
}

/**
 * How the lexical side is computed: `auto` sums every posting when there are few, else `bounded`
 * MaxScore (`exactTopK`, at most LEXICAL_SCORE_BUDGET chunks scored in full beyond its first pass);
 * `exact` is MaxScore without that budget; `sum` always sums every posting (for comparison and tests).
 */
type LexicalMode = 'auto' | 'bounded' | 'exact' | 'sum';

/** Searches `generation`: HNSW through its partial index (cosine similarity as 1 − distance), and BM25. */
export function postgresSearch(database: Queryable, generation: Generation, options: { lexical?: LexicalMode } = {}): PostgresSearch {
  const mode = options.lexical ?? 'auto';
  const { id, dimensions } = generation;
  // a generation never changes: its rows read lately are kept (bounded) for the next questions
  const recent = new Map<number, Chunk>();
  const remember = (index: number, chunk: Chunk): void => {
    recent.delete(index);
    recent.set(index, chunk);
    if (recent.size > RECENT_CHUNKS) recent.delete(recent.keys().next().value!);
  };
  return {
    generation,
    async dense(vector, limit) {
      // the rows come along: the retriever asks for them next, and this saves it a round trip
      const result = await database.query<{ idx: number; distance: number; chunk: Chunk }>(
        `SELECT idx, embedding::vector(${dimensions}) <=> $1::vector(${dimensions}) AS distance, chunk
         FROM kb_chunks WHERE generation = ${id}
         ORDER BY embedding::vector(${dimensions}) <=> $1::vector(${dimensions}) LIMIT $2`,
        [vectorLiteral(vector), limit],
      );
      for (const row of result.rows) remember(row.idx, row.chunk);
      return result.rows.map((row) => ({ chunkIndex: row.idx, score: 1 - Number(row.distance) }));
    },
    async lexical(terms, limit) {
      const distinct = [...new Set(terms)];
      if (distinct.length === 0) return [];
      const frequencies = await database.query<{ term: string; df: number }>(
        `SELECT term, df FROM kb_terms WHERE generation = ${id} AND term = ANY($1::text[])`,
        [distinct],
      );
      const weighted = frequencies.rows
        .filter((row) => row.df > 0)
        .map((row) => ({ term: row.term, idf: idfFromCounts(generation.chunkCount, row.df) }));
      if (weighted.length === 0) return [];
      // few postings in all (a small corpus, or rare words): summing them is cheaper than any pruning
      const postings = frequencies.rows.reduce((sum, row) => sum + row.df, 0);
      if (mode === 'sum' || (mode === 'auto' && postings <= SUM_ALL_BELOW)) return exhaustiveLexical(database, id, weighted, limit);
      return exactTopK(impactIndex(database, id), weighted, limit, mode === 'exact' ? {} : { scoreBudget: LEXICAL_SCORE_BUDGET });
    },
    async chunks(indexes) {
      const found = new Map(indexes.flatMap((index) => (recent.has(index) ? [[index, recent.get(index)!] as const] : [])));
      const missing = indexes.filter((index) => !found.has(index));
      if (missing.length === 0) return found;
      const result = await database.query<{ idx: number; chunk: Chunk }>(
        `SELECT idx, chunk FROM kb_chunks WHERE generation = ${id} AND idx = ANY($1::int[])`,
        [missing],
      );
      for (const row of result.rows) {
        remember(row.idx, row.chunk);
        found.set(row.idx, row.chunk);
      }
      return found;
    },
  };
}

/**
 * The rows of a build written by `buildIndex` (chunks from its files, vectors from the embedding
 * cache it filled, lexical terms recomputed), ready for `writeGeneration`.
 */
export function generationRowsOf(index: KnowledgeIndex, cache: EmbeddingCache, cacheKey: string): GenerationRow[] {
  return index.chunks.map((chunk) => {
    const vector = cache.get(embeddingKey(cacheKey, embeddingText(chunk)));
    if (!vector) throw new IndexError('corrupt', `no cached embedding for ${chunk.source} in ${index.directory}: rebuild the index`);
    return { chunk, vector, terms: lexicalTerms(lexicalText(chunk), index.manifest.tokenizer) };
  });
}
