// Development aid: where does the expected passage rank in dense-only, lexical-only and fused lists?
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config/index.js';
import { createTransformersEmbedder } from '../src/embed/index.js';
import { loadIndex, searchBm25 } from '../src/index/index.js';
import { createRetriever, DEFAULT_WEIGHTS, keyTerms } from '../src/retrieve/index.js';
import { compactForm, lexicalTerms, placeNames } from '../src/text/index.js';
import { judgeAnswerability } from '../src/answer/index.js';

const config = loadConfig();
const index = loadIndex(config.INDEX_DIR);
const embedder = await createTransformersEmbedder({ modelId: config.EMBEDDING_MODEL_ID });
const weights = { ...DEFAULT_WEIGHTS, ...JSON.parse(process.env.WEIGHTS ?? '{}') };
const retriever = createRetriever(index, embedder, weights);
const file = process.argv[2] ?? '../shared/eval/dev.jsonl';
for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
  const item = JSON.parse(line) as { id: string; question: string; expect: string[] | null; source: string | null };
  const good = (i: number) => {
    const c = index.chunks[i];
    return (
      !!c &&
      c.source === item.source &&
      (item.expect ?? []).every((f) => compactForm(c.title + c.sectionPath.join('') + c.text).includes(compactForm(f)))
    );
  };
  const [v] = await embedder.embed([item.question], 'query');
  const dense = index.vectors.search(v!, 50);
  const lexical = searchBm25(index.lexical, lexicalTerms(item.question, index.manifest.tokenizer), 50);
  const fused = await retriever.retrieve(item.question, 50);
  const rank = (list: { chunkIndex: number }[]) => list.findIndex((x) => good(x.chunkIndex)) + 1;
  const fusedRank = fused.findIndex((p) => good(index.chunks.indexOf(p.chunk))) + 1;
  const verdict = judgeAnswerability(keyTerms(item.question), placeNames(item.question), fused);
  console.log(
    item.id,
    `dense=${rank(dense)} lex=${rank(lexical)} fused=${fusedRank}`,
    `top1dense=${dense[0]?.score.toFixed(3)}`,
    JSON.stringify(verdict),
    keyTerms(item.question).join('/'),
    item.question,
  );
}
