import { describe, expect, it } from 'vitest';
import { buildLexicalIndex, searchBm25 } from '../../src/index/index.js';
import { addBonus, minMaxNormalize, reciprocalRankFusion, weightedScoreFusion } from '../../src/retrieve/index.js';
import { lexicalTerms } from '../../src/text/index.js';

describe('BM25', () => {
  const documents = ['南浔区青创空间建设', '湖州市播种计划行动方案', '南通市众创社区建设行动方案'].map((text) =>
    lexicalTerms(text, 'bigram'),
  );
  const index = buildLexicalIndex(documents);

  it('ranks the document sharing the rare terms first', () => {
    const results = searchBm25(index, lexicalTerms('众创社区', 'bigram'), 3);
    expect(results[0]?.chunkIndex).toBe(2);
  });

  it('returns nothing for terms it has never seen', () => {
    expect(searchBm25(index, lexicalTerms('天气预报', 'bigram'), 3)).toEqual([]);
  });

  it('indexes jieba words beside bigrams in both mode', () => {
    expect(lexicalTerms('众创社区', 'both')).toEqual(expect.arrayContaining(['众创', '社区', 'w:社区']));
  });
});

describe('fusion', () => {
  const dense = [
    { chunkIndex: 1, score: 0.9 },
    { chunkIndex: 2, score: 0.5 },
  ];
  const lexical = [
    { chunkIndex: 2, score: 12 },
    { chunkIndex: 3, score: 3 },
  ];

  it('RRF rewards agreement between lists', () => {
    const fused = reciprocalRankFusion([
      { ranking: dense, weight: 1 },
      { ranking: lexical, weight: 1 },
    ]);
    expect(fused[0]?.chunkIndex).toBe(2);
  });

  it('weighted fusion normalises scales before summing', () => {
    expect(minMaxNormalize(lexical).map((item) => item.score)).toEqual([1, 0]);
    const fused = weightedScoreFusion([
      { ranking: dense, weight: 1 },
      { ranking: lexical, weight: 2 },
    ]);
    expect(fused.map((item) => item.chunkIndex)).toEqual([2, 1, 3]);
  });

  it('a bonus can reorder results', () => {
    const reordered = addBonus(dense, (chunkIndex) => (chunkIndex === 2 ? 1 : 0), 0.5);
    expect(reordered[0]).toEqual({ chunkIndex: 2, score: 1 });
  });
});
