import { cleanText } from '../text/index.js';

/** A heading recognised in a line, with its depth in the hierarchy. */
export interface Heading {
  /** 0 附件, 1 一、, 2 （一）, 3 1., 4 （1）, 5 a labelled paragraph (如皋市：…); markdown # maps to 1–4. */
  level: number;
  label: string;
  /** True when the line carries body text after the heading (（三）标题。正文…). */
  hasBody: boolean;
}

const PATTERNS: Array<[number, RegExp]> = [
  [1, /^[一二三四五六七八九十]{1,3}、/],
  [2, /^[（(][一二三四五六七八九十]{1,3}[)）]/],
  [3, /^\d{1,2}[.．、](?!\d)/],
  [4, /^[（(]\d{1,2}[)）]/],
];
const ATTACHMENT = /^附\s*件\s*(\d{0,2})(?:\s+([^:：。，]{2,40}))?\s*$/;
const MARKER = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、])\s*/;
const MARKDOWN = /^(#{1,6})\s+(.+)$/;
const LABEL_END = /[。；;：:！？]/;
// "如皋市：依托…" — a paragraph led by a short name and a colon is an item of its own (per district, per unit).
const LEAD_LABEL = /^([\u4e00-\u9fa5（）()、·]{2,16})[：:](?=\S)/;
const MIN_LABELLED_PARAGRAPH = 20;
const NOT_LABELS = /^(附件|抄送|主送|印发|联系人|联系电话)$/;
const MAX_LABEL = 40;

/** Removes list bullets that PDF-to-text converters put before headings ("- (二)…"). */
export function stripBullet(text: string): string {
  return text.replace(/^\s*[-*•·]\s+(?=\S)/, '').trim();
}

/** The heading a line opens, or null for body text. */
export function headingOf(rawLine: string): Heading | null {
  const text = stripBullet(rawLine);
  const attachment = ATTACHMENT.exec(text);
  if (attachment) {
    const name = attachment[2] ? ` ${cleanText(attachment[2])}` : '';
    return { level: 0, label: `附件${attachment[1] ?? ''}${name}`, hasBody: false };
  }
  const markdown = MARKDOWN.exec(text);
  if (markdown) {
    return { level: Math.min((markdown[1] ?? '#').length, 4), label: cleanText(markdown[2] ?? ''), hasBody: false };
  }
  const lead = LEAD_LABEL.exec(text);
  const prose = text.length >= 2 * MIN_LABELLED_PARAGRAPH || /[，,、；;]/.test(text);
  if (lead?.[1] && text.length >= MIN_LABELLED_PARAGRAPH && prose && !NOT_LABELS.test(lead[1])) {
    return { level: 5, label: lead[1], hasBody: true };
  }
  for (const [level, pattern] of PATTERNS) {
    if (!pattern.test(text)) continue;
    const stop = text.search(LABEL_END);
    if (stop > 0 && stop <= MAX_LABEL) {
      return { level, label: cleanText(text.slice(0, stop)), hasBody: stop < text.trim().length - 1 };
    }
    if (text.length <= MAX_LABEL) return { level, label: cleanText(text), hasBody: false };
    // Headings inlined into running text (web pages) end at the first space after the title.
    const marker = MARKER.exec(text)?.[0].length ?? 0;
    const gap = text.slice(marker).search(/\s/);
    if (gap > 0 && marker + gap <= MAX_LABEL) {
      return { level, label: cleanText(text.slice(0, marker + gap)), hasBody: true };
    }
    return { level, label: `${cleanText(text.slice(0, 24))}…`, hasBody: true };
  }
  return null;
}
