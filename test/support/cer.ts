/** Letters and digits of a text after NFKC (full-width forms folded), as the OCR accuracy target counts them. */
export function lettersAndDigits(text: string): string[] {
  return [...text.normalize('NFKC')].filter((character) => /[\p{L}\p{N}]/u.test(character));
}

/** 1 − character error rate (edit distance over the reference's length), letters and digits only. */
export function characterAccuracy(reference: string, recognized: string): number {
  const expected = lettersAndDigits(reference);
  const actual = lettersAndDigits(recognized);
  let row = actual.map((_, index) => index + 1);
  row.unshift(0);
  for (let i = 1; i <= expected.length; i += 1) {
    const next = [i];
    for (let j = 1; j <= actual.length; j += 1) {
      const substitution = (row[j - 1] ?? 0) + (expected[i - 1] === actual[j - 1] ? 0 : 1);
      next.push(Math.min((row[j] ?? 0) + 1, (next[j - 1] ?? 0) + 1, substitution));
    }
    row = next;
  }
  return 1 - (row[actual.length] ?? 0) / Math.max(1, expected.length);
}
