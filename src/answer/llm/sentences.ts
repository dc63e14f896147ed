// A sentence runs to its terminator, keeps closing quotes and the markers written after it.
const SENTENCE = /[^。！？!?；;\n]+(?:[。！？!?；;]+[”’」』）)]*)?(?:\s*\[\d+\])*\n*|\n+/g;

/** Splits text into sentences whose concatenation is the text (markers stay with their sentence). */
export function splitSentences(text: string): string[] {
  return text.match(SENTENCE) ?? [];
}

/** Sentences of a passage as quotable verbatim units (trimmed substrings of the passage). */
export function quotableUnits(text: string): string[] {
  return splitSentences(text)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 1);
}
