import type { RetrievedPassage } from '../retrieve/index.js';
import { compactForm, mentionsName as mentions } from '../text/index.js';

/** Thresholds of the answerability decision; arguments so they can be measured and tuned. */
export interface AnswerabilityThresholds {
  /** Minimum share of the question's key terms (length-weighted) found in one top passage. */
  minCoverage: number;
  /** Dense similarity at which a passage answers even with paraphrased wording. */
  strongDense: number;
  /** Dense similarity below which nothing is considered relevant. */
  minDense: number;
  /** How many top passages are checked. */
  depth: number;
}

export const DEFAULT_THRESHOLDS: AnswerabilityThresholds = { minCoverage: 0.5, strongDense: 0.62, minDense: 0.35, depth: 5 };

/** Whether the documents answer the question, and why not when they do not. */
export interface Answerability {
  answerable: boolean;
  reason?: 'no-passages' | 'unknown-place' | 'off-topic';
  missingPlaces: string[];
  coverage: number;
}

function passageText(passage: RetrievedPassage): string {
  const { chunk } = passage;
  return compactForm(`${chunk.title}${chunk.sectionPath.join('')}${chunk.text}`);
}

const SENTENCE = /[^。！？；!?;\n]+/g;

/**
 * The best coverage of one sentence read with its title and section: the topic words, and the place
 * a question names, must meet in one statement (人才 and 政策 in different stories of a long news
 * item answer no question on 深圳's 人才政策).
 */
function sentenceCoverage(terms: string[], passage: RetrievedPassage, names: string[]): number {
  const { chunk } = passage;
  const context = `${chunk.title}${chunk.sectionPath.join('')}`;
  const sentences = chunk.text.match(SENTENCE) ?? [chunk.text];
  // The places named must be in that statement or its heading too: a 深圳 story's sentence on 政策 about elsewhere is not it.
  const placed = sentences.filter((sentence) => names.length === 0 || names.some((name) => mentions(`${context}${sentence}`, name)));
  return Math.max(0, ...placed.map((sentence) => termCoverage(terms, compactForm(`${context}${sentence}`))));
}

/** Length-weighted share of terms present in a text: long specific words count more. */
export function termCoverage(terms: string[], text: string): number {
  const total = terms.reduce((sum, term) => sum + Math.min(4, term.length), 0);
  if (total === 0) return 0;
  const found = terms.filter((term) => text.includes(compactForm(term)));
  return found.reduce((sum, term) => sum + Math.min(4, term.length), 0) / total;
}

/**
 * Decides from retrieval evidence alone: a place the question names must appear in the top
 * passages, and some passage must either cover the key terms or be semantically very close.
 */
export function judgeAnswerability(
  terms: string[],
  places: string[],
  passages: RetrievedPassage[],
  thresholds: AnswerabilityThresholds = DEFAULT_THRESHOLDS,
  documentYears: (source: string) => string[] = () => [],
): Answerability {
  const top = passages.slice(0, thresholds.depth);
  if (top.length === 0) return { answerable: false, reason: 'no-passages', missingPlaces: [], coverage: 0 };
  const texts = top.map(passageText);
  // A year is met by the text or by the document's own dates (a 2023 news story, a 2025—2027 plan).
  const meets = (position: number, anchor: string): boolean =>
    mentions(texts[position] ?? '', anchor) ||
    (/^\d{4}$/.test(anchor) && documentYears(top[position]?.chunk.source ?? '').includes(anchor));
  const missingPlaces = places.filter((place) => !top.some((_, position) => meets(position, place)));
  // Names locate a question; the remaining topic words say what is asked about them. A passage that
  // merely mentions the place (深圳南山区 … a hospital story) does not answer a question on its policy.
  const topic = terms.filter((term) => !places.some((place) => compactForm(place).includes(compactForm(term))));
  const judged = topic.length > 0 ? topic : terms;
  const names = places.filter((place) => !/^\d{4}$/.test(place));
  // Names and topic must meet in one passage: 深圳 in one news story and 人才政策 in another is no answer.
  // A question naming several places (湖州和鹿城…) is about each of them: one of them per passage will do.
  const anchored = top.map((_, position) =>
    names.length >= 2
      ? names.some((name) => meets(position, name)) &&
        places.filter((place) => /^\d{4}$/.test(place)).every((year) => meets(position, year))
      : places.every((place) => meets(position, place)),
  );
  const coverages = top.map((passage, position) => (anchored[position] ? sentenceCoverage(judged, passage, names) : 0));
  const coverage = Math.max(...coverages);
  const allMissing = names.length >= 2 ? names.every((name) => missingPlaces.includes(name)) : missingPlaces.length > 0;
  if (allMissing) return { answerable: false, reason: 'unknown-place', missingPlaces, coverage };
  const bestDense = Math.max(...top.map((passage) => passage.dense));
  const relevant =
    bestDense >= thresholds.minDense &&
    top.some((passage, position) => {
      if (!anchored[position]) return false;
      // One rule for every corpus: what the question asks is checked on the composed answer, not here.
      // A paraphrase close in meaning still shares some topic word with the question in one sentence.
      const coverage = coverages[position] ?? 0;
      return coverage >= thresholds.minCoverage || (passage.dense >= thresholds.strongDense && coverage >= thresholds.minCoverage / 2);
    });
  return relevant ? { answerable: true, missingPlaces, coverage } : { answerable: false, reason: 'off-topic', missingPlaces, coverage };
}
