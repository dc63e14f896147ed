import type { createWorker } from 'tesseract.js';
import type { RecognizedLine } from './types.js';

/** A tesseract.js worker, as `createWorker` returns it. */
export type TesseractWorker = Awaited<ReturnType<typeof createWorker>>;

interface TesseractLine {
  text: string;
  confidence: number;
  bbox: RecognizedLine['box'];
  words: Array<{ text: string; bbox: RecognizedLine['box'] }>;
}

type TesseractPage = { blocks: Array<{ paragraphs: Array<{ lines: TesseractLine[] }> }> | null };

// A table's vertical rule read as text between two cells (sometimes with a quote mark stuck to it).
const RULE = /^[“”"']?[|丨│｜[\]]+[“”"']?$/;
// Words further apart than this many line heights sit in different table cells.
const CELL_GAP = 1.2;
// A "line" this much taller than the body's lines, read with this little confidence, is a ruled table row.
const TALL = 1.8;
const GARBLED = 0.5;

/** A line's text from its words: a tab where words sit far apart or a rule stood between them (table cells). */
function lineText(line: TesseractLine): string {
  const height = Math.max(1, line.bbox.y1 - line.bbox.y0);
  let text = '';
  let previous: TesseractLine['words'][number] | undefined;
  let ruled = false;
  for (const word of line.words) {
    if (RULE.test(word.text.trim())) {
      ruled = previous !== undefined;
      continue;
    }
    if (previous) text += ruled || word.bbox.x0 - previous.bbox.x1 > height * CELL_GAP ? '\t' : ' ';
    text += word.text.trim();
    previous = word;
    ruled = false;
  }
  return text === '' ? line.text.trim() : text;
}

/** Lines of a tesseract result with boxes and 0–1 confidences. */
function linesOf(page: TesseractPage): RecognizedLine[] {
  const lines: RecognizedLine[] = [];
  for (const block of page.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      for (const line of paragraph.lines) {
        const text = lineText(line);
        if (text.trim() !== '') lines.push({ text, box: { ...line.bbox }, confidence: line.confidence / 100 });
      }
    }
  }
  return lines;
}

/** The region of a page where a ruled table defeated the block reading: tall rows read as noise. */
export function garbledTable(lines: RecognizedLine[]): RecognizedLine['box'] | undefined {
  const heights = lines
    .filter((line) => line.confidence >= GARBLED)
    .map((line) => line.box.y1 - line.box.y0)
    .sort((a, b) => a - b);
  const body = heights[Math.floor(heights.length / 2)] ?? 0;
  const garbled = lines.filter((line) => line.confidence < GARBLED && body > 0 && line.box.y1 - line.box.y0 > body * TALL);
  if (garbled.length === 0) return undefined;
  return {
    x0: Math.min(...garbled.map((line) => line.box.x0)),
    y0: Math.min(...garbled.map((line) => line.box.y0)),
    x1: Math.max(...garbled.map((line) => line.box.x1)),
    y1: Math.max(...garbled.map((line) => line.box.y1)),
  };
}

/**
 * Reads one page: as one block of text (PSM 6, the most accurate for body text), then, where a ruled
 * table came out as tall noise rows, that region again as a single column of lines (PSM 4), which
 * reads each table row as a line with its cells apart.
 */
export async function readPage(worker: TesseractWorker, image: Buffer): Promise<RecognizedLine[]> {
  const { PSM } = await import('tesseract.js');
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
  const lines = linesOf((await worker.recognize(image, {}, { text: false, blocks: true })).data);
  const table = garbledTable(lines);
  if (!table) return lines;
  await worker.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_COLUMN });
  const rectangle = { left: table.x0, top: table.y0, width: table.x1 - table.x0, height: table.y1 - table.y0 };
  const rows = linesOf((await worker.recognize(image, { rectangle }, { text: false, blocks: true })).data);
  const inside = (line: RecognizedLine): boolean => line.box.y0 >= table.y0 && line.box.y1 <= table.y1;
  return [...lines.filter((line) => !inside(line)), ...rows].sort((a, b) => a.box.y0 - b.box.y0);
}
