import { definitionBonus, type RetrievedPassage } from '../retrieve/index.js';
import { compactForm, mentionsName, questionAnchors } from '../text/index.js';
import { citationOf } from './citation.js';
import { listAnswer } from './list-answer.js';
import type { Citation } from './types.js';

/** A quotable unit: a sentence of a paragraph, or a whole record. */
interface Unit {
  text: string;
  passageRank: number;
  passage: RetrievedPassage;
  score: number;
}

export const MAX_ANSWER_CHARS = 300;
const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]?[”’」』）)]*/g;
const SHORT_UNIT = 30;

// What kind of fact a question asks for, recognised by its question word, and what a sentence
// stating such a fact looks like.
const FACT_KINDS: Array<[RegExp, RegExp]> = [
  [/多少|几[个家名项人场次年]|面积|数量|比例|占比|规模/, /\d/],
  [/什么时候|何时|哪天|哪一天|日期|时间|哪年|哪月/, /\d{1,4}\s*[年月日]|\d月|待定|全年/],
  [/谁|姓名|负责人|主理人|组长|主任|局长/, /姓名=|主理人=|[，、][\u4e00-\u9fa5]{2,3}(?:兼任|担任|任)|局长|主任|组长/],
  [/哪个部门|哪个单位|哪家|牵头|责任单位|主管|负责/, /局|部|办|委|中心|集团|公司|牵头|责任单位/],
];

function units(passage: RetrievedPassage, passageRank: number): Unit[] {
  const { chunk } = passage;
  if (chunk.kind !== 'paragraph') return [{ text: chunk.text, passageRank, passage, score: 0 }];
  return (chunk.text.match(SENTENCE) ?? [])
    .map((text) => text.trim())
    .filter((text) => text.length > 1)
    .map((text) => ({ text, passageRank, passage, score: 0 }));
}

function scoreUnit(unit: Unit, question: string, terms: string[], names: string[]): number {
  const text = compactForm(unit.text);
  const context = compactForm(`${unit.passage.chunk.sectionPath.join('')}`);
  let weight = 0;
  let found = 0;
  for (const term of terms) {
    const size = Math.min(4, term.length);
    weight += size;
    const key = compactForm(term);
    if (text.includes(key)) found += size;
    else if (context.includes(key)) found += size * 0.5;
  }
  const coverage = weight === 0 ? 0 : found / weight;
  const factBonus = FACT_KINDS.reduce(
    (bonus, [asks, states]) => (asks.test(question) ? bonus + (states.test(unit.text) ? 0.25 : -0.1) : bonus),
    0,
  );
  const brevity = unit.text.length > 200 ? -0.1 : 0;
  const definition = 0.5 * definitionBonus(question, terms, unit.text);
  // A sentence about 南通 does not answer a question about 南浔, however well its words match.
  const { chunk } = unit.passage;
  const place = `${chunk.title}${chunk.sectionPath.join('')}${chunk.text}`;
  const elsewhere = names.every((name) => mentionsName(place, name)) ? 0 : -1;
  return coverage + factBonus + definition + brevity + elsewhere + 0.35 / (1 + unit.passageRank);
}

/** For a table row, the fields the question names come first: 运营主体=南浔区人才产业集团. */
function focusRecord(text: string, question: string): string {
  const fields = text.split('，');
  const asked = compactForm(question);
  const named = fields.filter((field) => {
    const key = compactForm(field.split('=')[0] ?? '');
    return key.length >= 2 && (asked.includes(key) || [...key].filter((c) => asked.includes(c)).length >= Math.min(3, key.length));
  });
  const rest = fields.filter((field) => !named.includes(field));
  return [...named, ...rest].join('，');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}


/**
 * Extractive answer: the best-scoring sentence or record (plus a second one when it adds a
 * fact from another place), at most 300 characters, each quoted verbatim in the citations.
 */
export function extractiveAnswer(
  question: string,
  terms: string[],
  passages: RetrievedPassage[],
  depth = 5,
): { answer: string; citations: Citation[] } {
  const listed = listAnswer(question, passages);
  if (listed) return { ...listed, answer: truncate(listed.answer, MAX_ANSWER_CHARS) };
  const names = questionAnchors(question);
  const scored = passages
    .slice(0, depth)
    .flatMap((passage, rank) => units(passage, rank))
    .map((unit) => ({ ...unit, score: scoreUnit(unit, question, terms, names) }))
    .sort((left, right) => right.score - left.score);
  const best = scored[0];
  if (!best) return { answer: '', citations: [] };
  const chosen = [best];
  const second = scored[1];
  if (second && second.score >= best.score * 0.85 && second.text !== best.text && best.text.length + second.text.length <= MAX_ANSWER_CHARS) {
    chosen.push(second);
  }
  const parts = chosen.map((unit) => {
    if (unit.passage.chunk.kind !== 'paragraph') return focusRecord(unit.text, question);
    // A bare fragment such as "(责任单位:区人力社保局)" needs the heading it belongs to.
    const heading = unit.passage.chunk.sectionPath.at(-1);
    return unit.text.length < SHORT_UNIT && heading && !unit.text.includes(heading) ? `${heading}：${unit.text}` : unit.text;
  });
  return {
    answer: truncate(parts.join(' '), MAX_ANSWER_CHARS),
    citations: chosen.map((unit) => citationOf(unit.passage, unit.text)),
  };
}

// Kept here too: callers imported the citation builder from this module before it had its own file.
export { citationOf } from './citation.js';
