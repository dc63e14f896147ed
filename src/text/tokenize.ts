import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { searchForm } from './normalize.js';

/** How text becomes lexical terms; chosen by measurement (see docs/decisions.md). */
export type TokenizerMode = 'bigram' | 'jieba' | 'both';

let jieba: Jieba | undefined;
function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_OR_NUMBER = /[a-z]+|\d+(?:\.\d+)?/g;

function hanBigrams(run: string, into: string[]): void {
  if (run.length === 1) {
    into.push(run);
    return;
  }
  for (let index = 0; index + 1 < run.length; index += 1) into.push(run.slice(index, index + 2));
}

function jiebaWords(text: string, into: string[]): void {
  for (const word of segmenter().cutForSearch(text, true)) {
    if (word.length >= 2 && /[\u3400-\u9fff]/.test(word)) into.push(`w:${word}`);
  }
}

/** Lexical terms of a text: Han bigrams and/or jieba words (prefixed), plus Latin words and numbers. */
export function lexicalTerms(text: string, mode: TokenizerMode = 'both'): string[] {
  const normalized = searchForm(text);
  const terms: string[] = [];
  if (mode !== 'jieba') for (const run of normalized.match(HAN_RUN) ?? []) hanBigrams(run, terms);
  if (mode !== 'bigram') jiebaWords(normalized, terms);
  for (const token of normalized.match(LATIN_OR_NUMBER) ?? []) terms.push(token);
  return terms;
}

/** Jieba words of a text (no prefixes), for keyword-level checks such as answerability. */
export function words(text: string): string[] {
  return segmenter().cut(searchForm(text), true);
}
