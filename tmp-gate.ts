import { readFileSync } from 'node:fs';
import { loadConfig } from './src/config/index.js';
import { createRuntime } from './src/cli/runtime.js';
import { keyTerms } from './src/retrieve/index.js';
import { questionAnchors, compactForm, mentionsName } from './src/text/index.js';
import { termCoverage } from './src/answer/index.js';
const config = loadConfig(process.env);
const rt = createRuntime(config);
const index = rt.index();
const { createRetriever } = await import('./src/retrieve/index.js');
const retriever = createRetriever(index, await rt.embedder());
const ids = process.argv.slice(2);
for (const line of readFileSync('../shared/eval/dev-news.jsonl', 'utf8').split('\n').filter(Boolean)) {
  const item = JSON.parse(line);
  if (ids.length && !ids.includes(item.id)) continue;
  const passages = await retriever.retrieve(item.question, 5);
  const terms = keyTerms(item.question); const anchors = questionAnchors(item.question);
  console.log(item.id, item.question, 'terms', terms.join('/'), 'anchors', anchors.join('/'));
  for (const p of passages) {
    const t = compactForm(`${p.chunk.title}${p.chunk.sectionPath.join('')}${p.chunk.text}`);
    console.log('   ', p.chunk.source === item.source ? '*' : ' ', p.dense.toFixed(3), termCoverage(terms, t).toFixed(2), anchors.map(a => mentionsName(t, a) ? a : '!' + a).join(','), terms.filter(x => !t.includes(compactForm(x))).join('/'));
  }
}
process.exit(0);
