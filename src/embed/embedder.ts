/** Whether a text is a search query (gets the bge instruction) or a passage. */
export type EmbedKind = 'query' | 'passage';

/** Turns texts into unit-length vectors; implemented by the local model and by test fakes. */
export interface Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  /** What makes two embeddings of one text equal (model and input settings); keys the cache. Defaults to modelId. */
  readonly cacheKey?: string;
  embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]>;
}

/** Raised when the embedding model cannot be loaded; the message says how to get it. */
export class EmbeddingModelMissingError extends Error {
  override readonly name = 'EmbeddingModelMissingError';
  constructor(
    readonly modelPath: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Embedding model not found at ${modelPath}. Run \`npm run fetch-model\` (or \`npm install\`), ` +
        'or set EMBEDDING_MODEL_DIR to a Transformers.js model folder ' +
        '(EMBEDDING_ALLOW_REMOTE=1 downloads from the Hugging Face hub when online).',
      options,
    );
  }
}
