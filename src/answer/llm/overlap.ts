import { compactForm } from '../../text/index.js';

const HAN_RUN = /[\u3400-\u9fff\uf900-\ufaff]+/g;
const LATIN_OR_NUMBER = /[a-z]+|\d+(?:\.\d+)?/g;

/** Han bigrams plus Latin words and numbers of a text: the units answer and source are compared in. */
export function contentUnits(text: string): string[] {
  const compact = compactForm(text);
  const units: string[] = [];
  for (const run of compact.match(HAN_RUN) ?? []) {
    if (run.length === 1) units.push(run);
    for (let index = 0; index + 1 < run.length; index += 1) units.push(run.slice(index, index + 2));
  }
  for (const token of compact.match(LATIN_OR_NUMBER) ?? []) units.push(token);
  return units;
}

/** Share of a sentence's units found in the evidence: how much of it the cited passages support. */
export function supportRatio(sentence: string, evidence: string): number {
  const units = contentUnits(sentence);
  if (units.length === 0) return 1;
  const haystack = compactForm(evidence);
  return units.filter((unit) => haystack.includes(unit)).length / units.length;
}

/** Numbers a sentence states (list numbering at its start excepted). */
export function statedNumbers(sentence: string): string[] {
  const body = compactForm(sentence).replace(/^(?:\d{1,2}[.、)）]|[（(]\d{1,2}[)）])/, '');
  return body.match(/\d+(?:\.\d+)?/g) ?? [];
}

/** Dice overlap of two texts' unit sets: picks the passage sentence an answer sentence came from. */
export function overlapScore(left: string, right: string): number {
  const a = new Set(contentUnits(left));
  const b = new Set(contentUnits(right));
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const unit of a) if (b.has(unit)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
