import type { RetrievedPassage } from '../../retrieve/index.js';
import { citationOf } from '../extractive.js';
import type { Citation } from '../types.js';
import { compactForm } from '../../text/index.js';
import { containsRefusalSignal, markerNumbers, normalizeMarkers, renumberMarkers, stripThinking, withoutMarkers } from './markers.js';
import type { OutputGuard } from './output-guard.js';
import { contentUnits, overlapScore, statedNumbers, supportRatio } from './overlap.js';
import { quotableUnits, splitSentences } from './sentences.js';

/** The verdict on a model's answer after citation checking. */
export type AnswerCheck =
  | { kind: 'answered'; answer: string; citations: Citation[]; droppedSentences: number; unknownMarkers: number }
  | { kind: 'refused'; reason: 'signal' | 'no-valid-marker' }
  | { kind: 'unusable'; reason: 'empty' | 'leak' | 'unsupported' };

/** Least share of a sentence's words its cited passages must contain (sentences of 6+ units). */
const MIN_SUPPORT = 0.3;

function evidenceOf(passage: RetrievedPassage): string {
  return `${passage.chunk.title}${passage.chunk.sectionPath.join('')}${passage.chunk.text}`;
}

/** Whether the cited passages back a sentence: its numbers appear there, and most of its words. */
function supported(body: string, evidence: string): boolean {
  const haystack = compactForm(evidence);
  if (!statedNumbers(body).every((number) => haystack.includes(number))) return false;
  return contentUnits(body).length < 6 || supportRatio(body, evidence) >= MIN_SUPPORT;
}

/** The passage sentence (or whole record) that best matches what the answer says with it. */
function bestQuote(passage: RetrievedPassage, said: string): string {
  if (passage.chunk.kind !== 'paragraph') return passage.chunk.text.trim();
  const units = quotableUnits(passage.chunk.text);
  let best = units[0] ?? passage.chunk.text.trim();
  let bestScore = -1;
  for (const unit of units) {
    const score = overlapScore(unit, said);
    if (score > bestScore) [best, bestScore] = [unit, score];
  }
  return best;
}

/**
 * Checks a model answer against the passages it was given: markers must name given passages,
 * sentences without a valid marker or unsupported by their passages are dropped, citations are
 * built from the markers used with a verbatim quote each.
 */
export function checkAnswer(raw: string, passages: RetrievedPassage[], leaks: OutputGuard): AnswerCheck {
  const text = stripThinking(raw).trim();
  if (text === '') return { kind: 'unusable', reason: 'empty' };
  if (leaks(text)) return { kind: 'unusable', reason: 'leak' };
  if (containsRefusalSignal(text)) return { kind: 'refused', reason: 'signal' };
  const isValid = (number: number): boolean => number >= 1 && number <= passages.length;
  const kept: string[] = [];
  let leadIn = '';
  let anyValid = false;
  let droppedSentences = 0;
  let unknownMarkers = 0;
  for (const sentence of splitSentences(normalizeMarkers(text))) {
    const numbers = markerNumbers(sentence);
    const valid = [...new Set(numbers.filter(isValid))];
    unknownMarkers += numbers.length - numbers.filter(isValid).length;
    const body = withoutMarkers(sentence);
    if (!/[\p{L}\p{N}]/u.test(body)) continue;
    if (valid.length === 0) {
      if (/[：:]\s*$/.test(body)) leadIn = sentence;
      else droppedSentences += 1;
      continue;
    }
    anyValid = true;
    const evidence = valid.flatMap((number) => passages.slice(number - 1, number).map(evidenceOf)).join('\n');
    if (!supported(body, evidence)) {
      droppedSentences += 1;
      continue;
    }
    kept.push(leadIn + sentence);
    leadIn = '';
  }
  if (!anyValid) return { kind: 'refused', reason: 'no-valid-marker' };
  if (kept.length === 0) return { kind: 'unusable', reason: 'unsupported' };
  const { text: answer, order } = renumberMarkers(kept.join(''), isValid);
  const citations = order.flatMap((number) => {
    const passage = passages[number - 1];
    if (!passage) return [];
    const said = kept
      .filter((sentence) => markerNumbers(sentence).includes(number))
      .map(withoutMarkers)
      .join('');
    return [citationOf(passage, bestQuote(passage, said))];
  });
  return { kind: 'answered', answer: answer.trim(), citations, droppedSentences, unknownMarkers };
}
