/** A line of the source with its offsets in the whole text. */
export interface Line {
  text: string;
  start: number;
  end: number;
}

const INLINE_HEADING =
  /[ \u3000]+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}[.．](?!\d)|附件(?:[\s\d:：]|$)))/g;
const GIANT_LINE = 300;

/** Splits text into lines, keeping offsets. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const piece of text.split('\n')) {
    const clean = piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    lines.push({ text: clean, start, end: start + clean.length });
    start += piece.length + 1;
  }
  return lines;
}

/**
 * Web pages pasted as one giant line keep their headings inline (… 一、总体要求 …):
 * breaking such lines before each heading marker restores the hierarchy.
 */
export function breakInlineHeadings(lines: Line[]): Line[] {
  const result: Line[] = [];
  for (const line of lines) {
    if (line.text.length <= GIANT_LINE || line.text.includes('\t')) {
      result.push(line);
      continue;
    }
    let cursor = 0;
    for (const match of line.text.matchAll(INLINE_HEADING)) {
      const cut = (match.index ?? 0) + match[0].length;
      result.push(sliceLine(line, cursor, match.index ?? 0));
      cursor = cut;
    }
    result.push(sliceLine(line, cursor, line.text.length));
  }
  return result;
}

function sliceLine(line: Line, from: number, to: number): Line {
  return { text: line.text.slice(from, to), start: line.start + from, end: line.start + to };
}

const FOOTER = /^[\s*—–\-－_]*\d{1,3}[\s*—–\-－_]*$/;

/** Page footers left by PDF extraction, such as "— 3 —" or "— 3 **—**". */
export function isPageFooter(text: string): boolean {
  return FOOTER.test(text) && /[—–\-－]/.test(text);
}

/** Lines carrying nothing but table rules or pipes. */
export function isRuleLine(text: string): boolean {
  return /^[\s|:\-—=+*_]+$/.test(text) && text.trim().length > 0;
}

const SENTENCE_END = /[。！？；!?;](?:[”’」』》）)]*)/g;

/** Splits a line into sentence spans (offsets preserved) so chunks can be cut at sentence ends. */
export function sentenceSpans(line: Line): Line[] {
  const spans: Line[] = [];
  let cursor = 0;
  for (const match of line.text.matchAll(SENTENCE_END)) {
    const end = (match.index ?? 0) + match[0].length;
    if (end - cursor > 0) spans.push(sliceLine(line, cursor, end));
    cursor = end;
  }
  if (cursor < line.text.length) spans.push(sliceLine(line, cursor, line.text.length));
  return spans.filter((span) => span.text.trim() !== '');
}
