import type { RecognizedLine } from './types.js';

const HAN = '\\u3400-\\u9fff\\uf900-\\ufaff';
const HAN_SPACE = new RegExp(`(?<=[${HAN}，。；：！？、（）《》“”])[ \\u3000]+|[ \\u3000]+(?=[${HAN}，。；：！？、（）《》“”])`, 'g');
const HEADING = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d)|附\s*件)/;

/**
 * OCR text in the punctuation our documents use: no spaces between Han characters, and ASCII
 * punctuation next to Han text turned full-width (，：；（）“”), so headings such as （一） match.
 */
export function normalizePunctuation(text: string): string {
  let quoteOpen = false;
  return (
    text
      .normalize('NFC')
      .replace(new RegExp(`(?<=[${HAN}]) *[,，](?!\\d)|,(?= *[${HAN}])`, 'g'), '，')
      .replace(new RegExp(`(?<=[${HAN}]) *:(?!\\d)`, 'g'), '：')
      .replace(new RegExp(`;`, 'g'), '；')
      .replace(/\((?=[一二三四五六七八九十\d]{1,3}\)|[^()]*[\u4e00-\u9fff])/g, '（')
      .replace(/(?<=（[^（）)]*)\)/g, '）')
      // a dash between years is often read as 一 (one): 2025一2027 → 2025—2027
      .replace(/(?<=\b\d{4}) *[一—－-]{1,2} *(?=\d{4}\b)/g, '—')
      .replace(/["＂'‘’]|“|”/g, (mark) => {
        if (mark === '“') return ((quoteOpen = true), '“');
        if (mark === '”') return ((quoteOpen = false), '”');
        quoteOpen = !quoteOpen;
        return quoteOpen ? '“' : '”';
      })
      .replace(new RegExp(`(?<=[${HAN}])\\.(?=$|[${HAN}])`, 'g'), '。')
      .replace(HAN_SPACE, '')
      .replace(/ *\t */g, '\t')
      .trim()
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A page's text margins and line metrics, estimated from its lines' boxes. */
function pageGeometry(lines: RecognizedLine[]): { left: number; right: number; lineHeight: number; pitch: number } {
  const lefts = lines.map((line) => line.box.x0).sort((a, b) => a - b);
  const rights = lines.map((line) => line.box.x1).sort((a, b) => b - a);
  const lineHeight = median(lines.map((line) => line.box.y1 - line.box.y0)) || 1;
  const gaps = lines
    .slice(1)
    .map((line, index) => line.box.y0 - (lines[index]?.box.y0 ?? 0))
    .filter((gap) => gap > 0);
  // The body's margins: a quarter of the lines reach them (centred titles and short last lines do not).
  const quartile = Math.max(0, Math.floor(lines.length / 4) - 1);
  return { left: lefts[quartile] ?? 0, right: rights[quartile] ?? 0, lineHeight, pitch: median(gaps) || lineHeight * 1.5 };
}

/** A paragraph of a scanned page and the confidence of its least certain line. */
interface ScannedParagraph {
  text: string;
  confidence: number;
}

/**
 * Re-joins a page's OCR lines into paragraphs, one per output line, as a text layer would give
 * them: a line continues the one above unless it is indented, centred, a heading, set apart by a
 * larger gap, or the line above stopped short of the right margin.
 */
export function pageParagraphs(lines: RecognizedLine[]): ScannedParagraph[] {
  const kept = lines.map((line) => ({ ...line, text: normalizePunctuation(line.text) })).filter((line) => line.text !== '');
  if (kept.length === 0) return [];
  const { left, right, lineHeight, pitch } = pageGeometry(kept);
  const paragraphs: ScannedParagraph[] = [];
  kept.forEach((line, index) => {
    const above = kept[index - 1];
    const indented = line.box.x0 - left > lineHeight * 0.8;
    const centred = indented && right - line.box.x1 > lineHeight * 0.8;
    const continues =
      above !== undefined &&
      !indented &&
      !centred &&
      !HEADING.test(line.text) &&
      !line.text.includes('\t') &&
      !above.text.includes('\t') &&
      line.box.y0 - above.box.y0 < pitch * 1.6 &&
      right - above.box.x1 < lineHeight * 1.5;
    const current = paragraphs[paragraphs.length - 1];
    if (continues && current) {
      current.text += line.text;
      current.confidence = Math.min(current.confidence, line.confidence);
    } else paragraphs.push({ text: line.text, confidence: line.confidence });
  });
  return paragraphs;
}
