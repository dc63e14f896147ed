/** A PDF's text layer as one text, with the offset where each page starts. */
interface PagedText {
  text: string;
  /** `pageStarts[n]` is the offset in `text` where page n+1 begins. */
  pageStarts: number[];
}

/** Joins per-page texts into one text, remembering page starts so chunks can cite 第N页. */
export function joinPages(pages: string[]): PagedText {
  const pageStarts: number[] = [];
  let text = '';
  for (const page of pages) {
    pageStarts.push(text.length);
    text += `${page.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
  }
  return { text, pageStarts };
}
