import type { Manifest } from '../../src/index/index.js';

/** A small index manifest for bot tests over scripted answers: one Nantong document unless told otherwise. */
export function testManifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    version: 1,
    buildId: 'b1',
    modelId: 'BAAI/bge-small-zh-v1.5',
    dimensions: 512,
    tokenizer: 'both',
    chunkSize: 360,
    builtAt: new Date().toISOString(),
    documents: { 'a.txt': { hash: 'h', title: '南通市推进众创社区建设行动方案', docNumber: '通政办发〔2018〕1号', chunks: 12 } },
    counts: { documents: 1, chunks: 12 },
    ...overrides,
  };
}
