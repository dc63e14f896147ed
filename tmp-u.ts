import { join } from 'node:path';
import { createTransformersEmbedder } from './src/embed/index.js';
import { loadIndex } from './src/index/index.js';
import { createRetriever } from './src/retrieve/index.js';
import { readQuestion } from './src/answer/read-question.js';
import { rankedUnits } from './src/answer/compose/units.js';
const embedder = await createTransformersEmbedder({ modelId: 'BAAI/bge-small-zh-v1.5', modelsRoot: join(process.cwd(), 'models'), workers: 1 });
const index = loadIndex(process.env.INDEX_DIR ?? 'knowledge/index');
const retriever = createRetriever(index, embedder);
for (const q of process.argv.slice(2)) {
  const passages = await retriever.retrieve(q, 10);
  const reading = readQuestion(q);
  console.log(q, JSON.stringify(reading));
  for (const u of rankedUnits(q, reading, passages).slice(0, 5)) console.log('  ', u.score.toFixed(3), u.passageRank, u.passage.dense.toFixed(2), u.text.slice(0, 90));
}
process.exit(0);
