// Prints the answerability evidence (coverage, best dense similarity) per question, to set thresholds.
import { readFileSync } from 'node:fs';
import { judgeAnswerability } from '../src/answer/index.js';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { loadIndex } from '../src/index/index.js';
import { createRetriever, keyTerms } from '../src/retrieve/index.js';
import { placeNames } from '../src/text/index.js';

const config = loadConfig();
const index = loadIndex(config.INDEX_DIR);
const retriever = createRetriever(index, await createTransformersEmbedder({ modelId: config.EMBEDDING_MODEL_ID }));
for (const file of process.argv.slice(2)) {
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const item = JSON.parse(line) as { id: string; question: string; expect: unknown };
    const passages = await retriever.retrieve(item.question, 10);
    const verdict = judgeAnswerability(keyTerms(item.question), placeNames(item.question), passages);
    const dense = Math.max(...passages.slice(0, 5).map((p) => p.dense));
    const plain = passages[0]?.chunk.source.startsWith('news-') ? 'news' : 'doc';
    process.stdout.write(
      `${item.expect === null ? 'OUT' : 'in '} ${item.id.padEnd(5)} cov=${verdict.coverage.toFixed(2)} dense=${dense.toFixed(3)} top=${plain} ${verdict.answerable ? 'ANS' : 'REF'} ${item.question}\n`,
    );
  }
}
