// Embedding throughput by token budget on a sample of real chunks (seeds + news-2k), same session per budget.
import { createTransformersEmbedder } from '../src/embed/index.js';
import { chunkDocument, loadSources, parseDocument } from '../src/ingest/index.js';
import { embeddingText } from '../src/index/index.js';
import { silentLogger } from '../src/log/index.js';

const docsDir = process.argv[2] ?? '/tmp/docs-news';
const texts = (await loadSources(docsDir, silentLogger)).documents
  .flatMap((document) => chunkDocument(parseDocument(document), 600))
  .map(embeddingText)
  .filter((_, index) => index % 8 === 0)
  .slice(0, 300)
  .map((text) => text.slice(0, Number(process.env.CUT ?? 100000)));
for (const batching of ['naive', 'budget'] as const) {
  for (const budget of batching === 'naive' ? [0] : [512, 1024, 2048, 4096]) {
    const embedder = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', batching, batchTokens: budget || 4096 });
    await embedder.embed(texts.slice(0, 8), 'passage');
    const started = performance.now();
    await embedder.embed(texts, 'passage');
    process.stdout.write(`${batching} ${budget}: ${(texts.length / ((performance.now() - started) / 1000)).toFixed(1)} chunks/s\n`);
  }
}
