// The knowledge index in PostgreSQL (pgvector HNSW + an inverted index of application tokens with BM25 in SQL), checked
// against the embedded index over the same chunks, vectors and terms. Runs in-process on PGlite with
// its pgvector, and on the machine's server too when that one has pgvector (the Debian build does not:
// then the clear "install pgvector" error is what is checked there).
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndex, embeddingText, lexicalText, loadIndex, searchBm25, type KnowledgeIndex } from '../../../src/index/index.js';
import {
  currentGeneration,
  postgresSearch,
  prepareKnowledgeSchema,
  writeGeneration,
  type GenerationRow,
  type PostgresSearch,
} from '../../../src/index/store/postgres-knowledge.js';
import { silentLogger } from '../../../src/log/index.js';
import { DatabaseError, type Database } from '../../../src/postgres/index.js';
import { queryTerms } from '../../../src/retrieve/retriever.js';
import { keyTerms } from '../../../src/retrieve/index.js';
import { lexicalTerms } from '../../../src/text/index.js';
import { FakeEmbedder } from '../../support/fake-embedder.js';
import { pgliteDatabase } from '../../support/pglite.js';
import { describeOnServer, testDatabase } from '../../support/postgres.js';
import { SEEDS_DIR } from '../../support/seeds.js';
import { withSeedEmbeddings } from '../../support/seed-embeddings.js';

const QUESTIONS = [
  '南通计划到2020年底打造多少个众创社区？',
  '頔塘青创社区的运营主体是谁？',
  '播种计划由哪个部门牵头？',
  '创业导师',
  '大孵化器集群建设目标',
];

let index: KnowledgeIndex;
let rows: GenerationRow[];
const embedder = new FakeEmbedder();

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let position = 0; position < a.length; position += 1) dot += (a[position] ?? 0) * (b[position] ?? 0);
  return dot;
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-pgkb-'));
  cpSync(SEEDS_DIR, join(root, 'docs'), { recursive: true });
  await buildIndex({
    docsDir: join(root, 'docs'),
    indexDir: withSeedEmbeddings(join(root, 'index')),
    chunkSize: 600,
    tokenizer: 'both',
    embedder,
    logger: silentLogger,
  });
  index = loadIndex(join(root, 'index'));
  const vectors = await embedder.embed(index.chunks.map(embeddingText), 'passage');
  rows = index.chunks.map((chunk, position) => ({
    chunk,
    vector: vectors[position] ?? new Float32Array(embedder.dimensions),
    terms: lexicalTerms(lexicalText(chunk), 'both'),
  }));
});

describe('knowledge index on PGlite with pgvector', () => {
  let database: Database;

  beforeAll(async () => {
    database = await pgliteDatabase();
    await prepareKnowledgeSchema(database);
  });

  afterAll(async () => {
    await database?.close();
  });

  /** The same top 10, with the same scores to six decimals, as the embedded BM25 for every question. */
  const expectEmbeddedBm25 = async (search: PostgresSearch): Promise<void> => {
    for (const question of QUESTIONS) {
      const terms = queryTerms(question, keyTerms(question), 'both');
      const expected = searchBm25(index.lexical, terms, 10);
      const actual = await search.lexical(terms, 10);
      expect(
        actual.map((hit) => hit.chunkIndex),
        question,
      ).toEqual(expected.map((hit) => hit.chunkIndex));
      actual.forEach((hit, position) => expect(hit.score).toBeCloseTo(expected[position]?.score ?? 0, 6));
    }
  };

  it('scores BM25 exactly as the embedded index does, by MaxScore (bounded and exact) and by summing every posting', async () => {
    await writeGeneration(database, index.manifest, rows);
    const generation = await currentGeneration(database);
    expect(generation?.chunkCount).toBe(index.chunks.length);
    expect(generation?.manifest.documents).toEqual(index.manifest.documents);
    for (const lexical of ['auto', 'bounded', 'exact', 'sum'] as const) {
      await expectEmbeddedBm25(postgresSearch(database, generation!, { lexical }));
    }
  });

  it('scores chunks of a generation written before chunks kept their term weights from their postings', async () => {
    const generation = (await currentGeneration(database))!;
    const kept = await database.query<{ idx: number; terms: string[]; term_weights: number[] }>(
      `SELECT idx, terms, term_weights FROM kb_chunks WHERE generation = ${generation.id}`,
    );
    await database.query(`UPDATE kb_chunks SET terms = NULL, term_weights = NULL WHERE generation = ${generation.id}`);
    try {
      await expectEmbeddedBm25(postgresSearch(database, generation, { lexical: 'exact' }));
    } finally {
      for (const row of kept.rows) {
        await database.query(`UPDATE kb_chunks SET terms = $1, term_weights = $2 WHERE generation = ${generation.id} AND idx = $3`, [
          row.terms,
          row.term_weights,
          row.idx,
        ]);
      }
    }
  });

  it('finds the nearest chunks by cosine through HNSW (recall@10 against exact search) and returns them', async () => {
    const search = postgresSearch(database, (await currentGeneration(database))!);
    let found = 0;
    for (const question of QUESTIONS) {
      const [query] = await embedder.embed([question], 'query');
      const exact = rows
        .map((row, position) => ({ position, score: cosine(row.vector, query!) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 10)
        .map((hit) => hit.position);
      const hits = await search.dense(query!, 10);
      found += hits.filter((hit) => exact.includes(hit.chunkIndex)).length;
      expect(hits[0]?.score).toBeCloseTo(cosine(rows[hits[0]?.chunkIndex ?? 0]!.vector, query!), 5);
      const chunks = await search.chunks(hits.map((hit) => hit.chunkIndex));
      expect(chunks.get(hits[0]?.chunkIndex ?? -1)).toEqual(index.chunks[hits[0]?.chunkIndex ?? -1]);
    }
    expect(found / (QUESTIONS.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('switches generations in one step; a failed build leaves the serving one in place', async () => {
    const before = await currentGeneration(database);
    const fewer = rows.slice(0, 50);
    const next = await writeGeneration(database, { ...index.manifest, counts: { documents: 1, chunks: 50 } }, fewer);
    const after = await currentGeneration(database);
    expect(after?.id).toBe(next);
    expect(after?.id).not.toBe(before?.id);
    expect(after?.chunkCount).toBe(50);

    const broken = [...rows.slice(0, 10), { ...rows[10]!, vector: new Float32Array(3) }];
    await expect(writeGeneration(database, index.manifest, broken)).rejects.toThrow();
    expect((await currentGeneration(database))?.id).toBe(next);
    const failed = await database.query<{ state: string; rows: string }>(
      "SELECT g.state, (SELECT count(*) FROM kb_chunks c WHERE c.generation = g.id)::text AS rows FROM kb_generations g WHERE g.state = 'failed'",
    );
    expect(failed.rows).toEqual([{ state: 'failed', rows: '0' }]);
  });
});

describeOnServer('knowledge index on the machine PostgreSQL server', () => {
  it('runs when the server has pgvector, and otherwise says how to install it', async () => {
    const { database, drop } = await testDatabase();
    try {
      const prepared = await prepareKnowledgeSchema(database).then(
        () => undefined,
        (error: unknown) => error,
      );
      if (prepared === undefined) {
        await writeGeneration(database, index.manifest, rows);
        const search = postgresSearch(database, (await currentGeneration(database))!);
        const terms = queryTerms(QUESTIONS[1]!, keyTerms(QUESTIONS[1]!), 'both');
        expect((await search.lexical(terms, 5)).map((hit) => hit.chunkIndex)).toEqual(
          searchBm25(index.lexical, terms, 5).map((hit) => hit.chunkIndex),
        );
      } else {
        expect(prepared).toBeInstanceOf(DatabaseError);
        expect((prepared as DatabaseError).code).toBe('missing-extension');
        expect((prepared as DatabaseError).message).toMatch(/pgvector.*apt install postgresql-15-pgvector.*CREATE EXTENSION vector/s);
      }
    } finally {
      await drop();
    }
  });
});
