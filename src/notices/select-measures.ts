import type { Measure } from '../ingest/index.js';

/** How many measures a new-policy card shows: at least `min` (when the document has them), at most `max`. */
interface SelectionSize {
  min: number;
  max: number;
}

/** A measure chosen for a card, with the words of the chat's questions it shares (what its quote centres on). */
export interface SelectedMeasure {
  measure: Measure;
  score: number;
  words: string[];
}

const HAN_PAIR = /[\u4e00-\u9fa5]{2}/;

/** The distinct two-character stretches of a text's Chinese: a vocabulary-free way to compare wordings. */
function pairsOf(text: string): Set<string> {
  const pairs = new Set<string>();
  for (let index = 0; index + 1 < text.length; index += 1) {
    const pair = text.slice(index, index + 2);
    if (HAN_PAIR.test(pair)) pairs.add(pair);
  }
  return pairs;
}

/**
 * How well a measure fits what a chat asked: its audience and field words found in the questions count
 * most; the two-character stretches it shares with them break ties (divided by the root of its length,
 * so long items do not win by length alone).
 */
function relevance(measure: Measure, asked: string, askedPairs: Set<string>, termWeight = 2): { score: number; words: string[] } {
  const terms = [...new Set([...measure.who, ...measure.industry])].filter((term) => asked.includes(term));
  const own = pairsOf(measure.text);
  const shared = [...own].filter((pair) => askedPairs.has(pair));
  const score = terms.length * termWeight + (own.size > 0 ? shared.length / Math.sqrt(own.size) : 0);
  return { score, words: [...terms, ...shared] };
}

/**
 * The measures a new-policy card shows a chat: the ones most relevant to the chat's earlier questions
 * (at least `minScore`: sharing only common stretches such as 工作 or 创业 is not relevance), best first, filled up with the document's first items (in its own order) when too few relate to them
 * or the chat has asked nothing yet.
 */
export function selectMeasures(
  measures: Measure[],
  questions: string[],
  size: SelectionSize = { min: 3, max: 5 },
  minScore = 1,
): SelectedMeasure[] {
  const asked = questions.join('\n');
  const askedPairs = pairsOf(asked);
  const ranked = measures
    .map((measure, order) => ({ measure, order, ...relevance(measure, asked, askedPairs) }))
    .filter((candidate) => candidate.score >= minScore)
    .sort((left, right) => right.score - left.score || left.order - right.order)
    .slice(0, size.max);
  const chosen = new Set(ranked.map((candidate) => candidate.measure.id));
  const fill = measures.filter((measure) => !chosen.has(measure.id)).slice(0, Math.max(0, size.min - ranked.length));
  return [
    ...ranked.map(({ measure, score, words }) => ({ measure, score, words })),
    ...fill.map((measure) => ({ measure, score: 0, words: [] })),
  ];
}
