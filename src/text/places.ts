import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { searchForm } from './normalize.js';

let tagger: Jieba | undefined;

/** Place names in a text (jieba's ns tag, two characters or more): 深圳, 南山区, 中关村. */
export function placeNames(text: string): string[] {
  tagger ??= Jieba.withDict(dict);
  return tagger
    .tag(searchForm(text), true)
    .filter((token) => token.tag === 'ns' && token.word.length >= 2)
    .map((token) => token.word);
}
