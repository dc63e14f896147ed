import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { searchForm } from './normalize.js';

let tagger: Jieba | undefined;

const NAME_TAGS = new Set(['ns', 'nt', 'nr', 'nrt']);

/**
 * Names in a text (jieba's place, organisation and person tags, two characters or more):
 * 深圳, 南山区, 中关村, 美国公司. A question naming something the documents never mention is not theirs to answer.
 */
export function placeNames(text: string): string[] {
  tagger ??= Jieba.withDict(dict);
  return tagger
    .tag(searchForm(text), true)
    .filter((token) => NAME_TAGS.has(token.tag) && token.word.length >= 2)
    .map((token) => token.word);
}
