import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { compactForm, searchForm } from './normalize.js';

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

/** A name is mentioned with or without its administrative suffix (浙江省 / 浙江, 南浔区 / 南浔). */
export function mentionsName(text: string, name: string): boolean {
  const haystack = compactForm(text);
  const key = compactForm(name);
  const bare = key.replace(/[省市区县镇乡村]$/, '');
  return haystack.includes(key) || (bare.length >= 2 && haystack.includes(bare));
}

/**
 * What a question is anchored to and a passage must share to answer it: its names, and the years
 * it names (南浔 … 2020年底 is not answered by a 南通 2020 sentence, nor by a 南浔 2025 one).
 */
export function questionAnchors(question: string): string[] {
  const years = [...new Set(searchForm(question).match(/(?<!\d)(?:19|20)\d{2}(?!\d)/g) ?? [])];
  return [...anchorNames(question), ...years];
}

/**
 * The names a question is anchored to: its places and organisations, without the country. 中国公安部
 * is written 公安部, and 中国 (我国, 全国) itself locates nothing in a Chinese corpus: a national
 * story says 我国 or nothing at all.
 */
export function anchorNames(question: string): string[] {
  const names = placeNames(question)
    .map((name) => name.replace(/^(?:中国|我国|全国)(?=.{2,})/, ''))
    .filter((name) => !NATIONWIDE.has(name));
  return [...new Set(innermost(searchForm(question), names))];
}

/**
 * One place written as a chain (深圳南山区, 湖州市南浔区) is the innermost one: a story on 南山区 need
 * not say 深圳, and a 深圳 story elsewhere in the city is not about 南山区. Places joined by 和/与/、 stay
 * apart (湖州和鹿城 is two places).
 */
function innermost(text: string, names: string[]): string[] {
  let from = 0;
  const spans = names.map((name) => {
    const at = text.indexOf(name, from);
    if (at >= 0) from = at + name.length;
    return { name, at, end: at + name.length };
  });
  return spans.filter((span, index) => !(span.at >= 0 && spans[index + 1]?.at === span.end)).map((span) => span.name);
}

const NATIONWIDE = new Set(['中国', '我国', '全国', '国家', '中华人民共和国']);

/** Whether a name the tagger read is a body (宣传部, 科技局, 管委会), not a place. */
export function isBodyName(name: string): boolean {
  return /(?:局|部|办|委|厅|中心|集团|公司|会)$/.test(name);
}

/** Person names in a text (jieba's nr tag): whether a sentence names someone at all. */
export function personNames(text: string): string[] {
  tagger ??= Jieba.withDict(dict);
  return tagger
    .tag(searchForm(text), true)
    .filter((token) => (token.tag === 'nr' || token.tag === 'nrfg') && token.word.length >= 2)
    .map((token) => token.word);
}
