/** The clauses of a measure's text, each ending at 。 or ；, its 「（X牵头）」 mark kept with it. */
function clausesOf(text: string): string[] {
  return text.match(/[^。；;]+(?:[。；;]|$)/g) ?? [text];
}

/** The one clause that holds most of the matched words: a verbatim stretch of the measure to quote. */
export function quoteFor(text: string, words: string[]): string {
  const clauses = clausesOf(text);
  let best = clauses[0] ?? text;
  let bestCount = -1;
  for (const clause of clauses) {
    const count = words.filter((word) => clause.includes(word)).length;
    if (count > bestCount) ((best = clause), (bestCount = count));
  }
  return best.trim();
}
