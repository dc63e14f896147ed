import { containsRefusalSignal, normalizeMarkers, renumberMarkers, stripThinking, withoutUnclosedBracket } from './markers.js';

/**
 * What a channel may show while the answer streams: markers in the same form as the final answer
 * (renumbered by first use, unknown ones dropped), nothing of a marker or the refusal signal that
 * is still arriving, and nothing at all once the model signals that the documents lack the answer.
 */
export function partialAnswer(raw: string, passageCount: number): string {
  const text = withoutUnclosedBracket(stripThinking(raw));
  if (containsRefusalSignal(text)) return '';
  return renumberMarkers(normalizeMarkers(text), (number) => number >= 1 && number <= passageCount).text.trim();
}
