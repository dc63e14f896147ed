import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createTransformersEmbedder,
  EmbeddingCache,
  embeddingKey,
  EmbeddingModelMissingError,
  estimateTokens,
  planBatches,
  truncateToTokens,
  type Embedder,
} from '../../src/embed/index.js';
import { FakeEmbedder } from '../support/fake-embedder.js';

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

// One contract, run against the real local model and the test fake alike.
const implementations: Array<[string, () => Promise<Embedder>]> = [
  ['bge-small-zh (real model)', () => createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5' })],
  ['FakeEmbedder', async () => new FakeEmbedder()],
];

describe.each(implementations)('Embedder contract: %s', (_name, create) => {
  let embedder: Embedder;
  beforeAll(async () => {
    embedder = await create();
  });

  it('returns one unit vector of the declared size per text, in input order', async () => {
    const texts = ['短', '南通市推进众创社区建设行动方案', '南浔区青创空间'.repeat(20), '短'];
    const vectors = await embedder.embed(texts, 'passage');
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toHaveLength(embedder.dimensions);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 3);
    }
    expect(cosine(vectors[0] ?? new Float32Array(), vectors[3] ?? new Float32Array())).toBeCloseTo(1, 4);
  });
});

describe('the real model', () => {
  it('puts a question near its answer and far from an unrelated text', async () => {
    const embedder = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5' });
    expect(embedder.dimensions).toBe(512);
    const [question] = await embedder.embed(['南通打造多少个众创社区？'], 'query');
    const [answer, unrelated] = await embedder.embed(['到2020年底，南通全市打造10个左右众创社区。', '今天的足球比赛十分精彩。'], 'passage');
    expect(cosine(question!, answer!)).toBeGreaterThan(cosine(question!, unrelated!) + 0.1);
  });

  it('says how to get the model when it is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'policy-bot-no-model-'));
    await expect(createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', modelsRoot: empty })).rejects.toThrow(
      EmbeddingModelMissingError,
    );
    await expect(createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', modelsRoot: empty })).rejects.toThrow(
      /npm run fetch-model/,
    );
  });
});

describe('planBatches', () => {
  it('sorts by length and keeps each padded batch under the budget', () => {
    const counts = [500, 10, 12, 480, 11, 30];
    const batches = planBatches(counts, 1000);
    expect(batches.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const batch of batches) {
      const longest = Math.max(...batch.map((index) => counts[index] ?? 0));
      expect(batch.length === 1 || longest * batch.length <= 1000).toBe(true);
    }
    expect(batches[0]).toEqual([1, 4, 2, 5]);
  });
});

describe('EmbeddingCache', () => {
  it('persists vectors and survives a torn last record', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'policy-bot-cache-')), 'cache.bin');
    const cache = new EmbeddingCache(file, 4);
    const key = embeddingKey('m', '文本');
    cache.set(key, new Float32Array([1, 0, 0, 0]));
    cache.flush();
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from([1, 2, 3])]));
    const reopened = new EmbeddingCache(file, 4);
    expect(Array.from(reopened.get(key) ?? [])).toEqual([1, 0, 0, 0]);
    expect(statSync(file).size).toBe(20 + 16);
    reopened.set(embeddingKey('m', '另一个'), new Float32Array([0, 1, 0, 0]));
    reopened.flush();
    expect(new EmbeddingCache(file, 4).size).toBe(2);
  });
});

describe('truncateToTokens', () => {
  it('keeps short texts and cuts long ones to the token budget', () => {
    expect(truncateToTokens('南通众创社区', 10)).toBe('南通众创社区');
    const cut = truncateToTokens('众'.repeat(600), 320);
    expect(estimateTokens(cut, 10_000)).toBeLessThanOrEqual(320);
    expect(cut.length).toBe(318);
  });

  it('keys the cache by model and passage limit, so a new limit re-embeds', async () => {
    const full = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5' });
    const head = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', maxPassageTokens: 320 });
    expect(full.cacheKey).not.toBe(head.cacheKey);
  });
});

describe('the fast passage path: CLS-only last layer and worker threads', () => {
  const cosine = (a: Float32Array | undefined, b: Float32Array | undefined): number => {
    let dot = 0;
    for (let index = 0; index < (a?.length ?? 0); index += 1) dot += (a?.[index] ?? 0) * (b?.[index] ?? 0);
    return dot;
  };
  const passages = [
    '南通市推进众创社区建设行动方案：到2020年底，全市打造10个左右众创社区。',
    '頔塘青创社区由南浔区人才产业集团运营。',
    '对新设立的数字经济企业给予最高50万元补助。'.repeat(8),
    '创业导师团队由各部门推荐的专家组成，为青年创业者提供咨询服务。',
  ];

  it('gives the same passage vectors from two worker sessions as in-process, and still embeds queries', async () => {
    const inProcess = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', workers: 1 });
    const workers = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', workers: 2 });
    const [a, b] = await Promise.all([inProcess.embed(passages, 'passage'), workers.embed(passages, 'passage')]);
    passages.forEach((_, index) => expect(cosine(a[index], b[index])).toBeGreaterThan(0.9999));
    const [query] = await workers.embed(['众创社区有多少个'], 'query');
    expect(cosine(query, a[0])).toBeGreaterThan(cosine(query, a[1]));
    expect(workers.cacheKey).toBe(inProcess.cacheKey);
  });

  it('computes the same CLS embedding with the CLS-only model as with the full one, cached apart', async () => {
    const cls = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5' });
    const full = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', modelVariant: 'full' });
    expect(cls.cacheKey).toBe('BAAI/bge-small-zh-v1.5@512+cls');
    expect(full.cacheKey).toBe('BAAI/bge-small-zh-v1.5@512');
    for (const text of passages) {
      const [[x], [y]] = await Promise.all([cls.embed([text], 'passage'), full.embed([text], 'passage')]);
      expect(cosine(x, y)).toBeGreaterThan(0.997);
    }
  });
});
