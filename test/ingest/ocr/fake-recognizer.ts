import type { PageImage, RecognizedLine, TextRecognizer } from '../../../src/ingest/index.js';
import { OcrError } from '../../../src/ingest/index.js';

/** A recognizer that returns scripted lines and records each page it is shown. */
export function fakeRecognizer(lines: RecognizedLine[] = defaultLines()): TextRecognizer & { calls: PageImage[]; closed: number } {
  const fake = {
    engineId: 'fake-1',
    calls: [] as PageImage[],
    closed: 0,
    async recognize(image: PageImage, signal?: AbortSignal): Promise<RecognizedLine[]> {
      if (signal?.aborted) throw new OcrError('cancelled', 'OCR cancelled');
      fake.calls.push(image);
      return lines.map((line) => ({ ...line, box: { ...line.box } }));
    },
    async close(): Promise<void> {
      fake.closed += 1;
    },
  };
  return fake;
}

function defaultLines(): RecognizedLine[] {
  return [
    { text: '一、总体要求', box: { x0: 110, y0: 100, x1: 290, y1: 130 }, confidence: 0.95 },
    { text: '到2027年底，全市建成科技型产业园100个以上。', box: { x0: 170, y0: 150, x1: 900, y1: 180 }, confidence: 0.42 },
  ];
}
