import type { EmbedKind, Embedder } from '../../src/embed/index.js';

/** Deterministic embedder (hashed character bigrams) that records every text it embeds. */
export class FakeEmbedder implements Embedder {
  readonly modelId = 'fake/bigram-hash';
  readonly dimensions = 64;
  readonly calls: Array<{ kind: EmbedKind; texts: string[] }> = [];

  async embed(texts: string[], kind: EmbedKind): Promise<Float32Array[]> {
    this.calls.push({ kind, texts });
    return texts.map((text) => {
      const vector = new Float32Array(this.dimensions);
      for (let index = 0; index + 1 < text.length; index += 1) {
        const code = (text.charCodeAt(index) * 31 + text.charCodeAt(index + 1)) % this.dimensions;
        vector[code] = (vector[code] ?? 0) + 1;
      }
      vector[0] = (vector[0] ?? 0) + 0.01;
      const norm = Math.hypot(...vector);
      return vector.map((value) => value / norm);
    });
  }

  embeddedTexts(): string[] {
    return this.calls.filter((call) => call.kind === 'passage').flatMap((call) => call.texts);
  }
}
