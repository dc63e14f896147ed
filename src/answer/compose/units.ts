import { asksAboutDocument, definitionBonus, type RetrievedPassage } from '../../retrieve/index.js';
import { compactForm, mentionsName } from '../../text/index.js';
import type { QuestionReading } from '../read-question.js';
import { statesFact } from './states-fact.js';

/** A quotable unit: a sentence of a paragraph, or a whole record. */
export interface Unit {
  text: string;
  passageRank: number;
  passage: RetrievedPassage;
  score: number;
}

const SENTENCE = /[^。！？；!?;\n]+[。！？；!?;]?[”’」』）)]*/g;
// The covering notice of a government document says nothing a reader asks about (现印发给你们，请认真组织实施).
// Nor does a sentence about the plan itself (根据本方案提出的总体目标…制定实施方案) or a page's chrome (下载阅读版本).
const BOILERPLATE =
  /印发给你们|请认真(?:组织)?(?:贯彻)?(?:落实|实施|执行)|请?结合实际[^。]{0,6}(?:认真|制定)|已经[^。]{0,20}(?:同意|审议通过)|此件公开发布|各[^。]{0,30}人民政府[,，、]|根据本(?:方案|计划|意见|通知|办法)|按照本(?:方案|计划)|下载阅读版本/;

/** The sentences of a paragraph passage, or a record passage whole. */
export function unitsOf(passage: RetrievedPassage, passageRank: number): Unit[] {
  const { chunk } = passage;
  // A table that could not be rebuilt is found by search but never quoted as the stated fact.
  if (chunk.kind === 'table-text') return [];
  if (chunk.kind !== 'paragraph') return [{ text: chunk.text, passageRank, passage, score: 0 }];
  return (chunk.text.match(SENTENCE) ?? [])
    .map((text) => text.trim())
    .filter((text) => text.length > 1)
    .map((text) => ({ text, passageRank, passage, score: 0 }));
}

/** Length-weighted share of terms found in a unit, terms found only in its section counting half. */
export function unitCoverage(unit: Unit, terms: string[], focus?: string, rarity: (term: string) => number = () => 1): number {
  const text = compactForm(unit.text);
  const context = compactForm(`${unit.passage.chunk.title}${unit.passage.chunk.sectionPath.join('')}`);
  let weight = 0;
  let found = 0;
  for (const term of terms) {
    // The attribute asked for (主题, 职位) must be in the sentence itself: it counts double.
    const size = Math.min(4, term.length) * (term === focus ? 2 : 1) * rarity(term);
    weight += size;
    const key = compactForm(term);
    if (text.includes(key)) found += size;
    else if (context.includes(key)) found += size * 0.5;
  }
  return weight === 0 ? 0 : found / weight;
}

/** How well a unit answers the reading: its words, the kind of fact it states, its place, its rank. */
function scoreUnit(unit: Unit, question: string, reading: QuestionReading, rarity?: (term: string) => number): number {
  const coverage = unitCoverage(unit, reading.subject, reading.focus, rarity);
  const facts = reading.asks.reduce((bonus, kind) => bonus + (statesFact(kind, unit.text) ? 0.25 : -0.15), 0);
  const brevity = unit.text.length > 200 ? -0.1 : 0;
  const definition = 0.5 * definitionBonus(question, reading.subject, unit.text);
  const { chunk } = unit.passage;
  const where = `${chunk.title}${chunk.sectionPath.join('')}${chunk.text}`;
  // A sentence about 南通 does not answer a question about 南浔, however well its words match.
  const elsewhere = reading.places.every((name) => mentionsName(where, name)) ? 0 : -1;
  // A year is often implicit in a dated story (今年): missing it costs less than a missing place.
  const otherYear = reading.years.every((year) => mentionsName(where, year)) ? 0 : -0.3;
  // quoted only when nothing else is there: it never states what a reader asks
  const boilerplate = BOILERPLATE.test(unit.text) ? -1.5 : 0;
  // The 文件信息 line answers questions about the document itself and nothing else.
  if (chunk.kind === 'document-info' && !asksAboutDocument(question)) return -1;
  return (
    coverage + facts + definition + brevity + elsewhere + otherYear + boilerplate + 0.35 / (1 + unit.passageRank) + 0.3 * unit.passage.dense
  );
}

/**
 * Every unit of the top passages, best first, and of the lower ones from the same documents (the
 * 奖励 clause of a plan whose table rows ranked first). When none of the top five passages names every
 * place and year the question names (德清县 … 2026年), all the retrieved passages are read.
 */
export function rankedUnits(question: string, reading: QuestionReading, passages: RetrievedPassage[], depth = 5): Unit[] {
  const rarity = termRarity(reading.subject, passages);
  const anchors = [...reading.places, ...reading.years];
  const anchored = (passage: RetrievedPassage): boolean =>
    anchors.every((name) => mentionsName(`${passage.chunk.title}${passage.chunk.sectionPath.join('')}${passage.chunk.text}`, name));
  const reach = anchors.length > 0 && !passages.slice(0, depth).some(anchored) ? passages.length : depth;
  const found = new Set(passages.slice(0, reach).map((passage) => passage.chunk.source));
  return passages
    .flatMap((passage, rank) => (rank < reach || found.has(passage.chunk.source) ? unitsOf(passage, rank) : []))
    .map((unit) => ({ ...unit, score: scoreUnit(unit, question, reading, rarity) }))
    .sort((left, right) => right.score - left.score);
}

/**
 * A term found in every retrieved passage tells them apart less than one found in a few (枪击 against
 * 事件): weight 1.5 for a term in none of them, down to 0.5 for a term in all.
 */
function termRarity(terms: string[], passages: RetrievedPassage[]): (term: string) => number {
  const texts = passages.map((passage) => compactForm(`${passage.chunk.title}${passage.chunk.text}`));
  const weights = new Map(
    terms.map((term) => [
      term,
      texts.length === 0 ? 1 : 1.5 - texts.filter((text) => text.includes(compactForm(term))).length / texts.length,
    ]),
  );
  return (term) => weights.get(term) ?? 1;
}

/** A table row's fields back from its record text (序号=1，空间名称=…), values with commas kept whole. */
export function recordFields(text: string): Array<[string, string]> {
  return text.split(/，(?=[^，=]{1,60}=)/).flatMap((pair) => {
    const at = pair.indexOf('=');
    return at > 0 ? [[pair.slice(0, at), pair.slice(at + 1)] as [string, string]] : [];
  });
}
