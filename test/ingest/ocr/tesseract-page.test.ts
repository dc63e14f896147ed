import { describe, expect, it } from 'vitest';
import { garbledTable } from '../../../src/ingest/ocr/tesseract-page.js';
import type { RecognizedLine } from '../../../src/ingest/index.js';

const line = (y0: number, height: number, confidence: number): RecognizedLine => ({
  text: 'x',
  box: { x0: 50, y0, x1: 1190, y1: y0 + height },
  confidence,
});

describe('garbledTable', () => {
  it('finds the region of tall rows read as noise (a ruled table), for a second reading', () => {
    const lines = [line(36, 28, 0.9), line(94, 30, 0.93), line(161, 68, 0.13), line(231, 68, 0.11), line(441, 68, 0), line(560, 29, 0.9)];
    expect(garbledTable(lines)).toEqual({ x0: 50, y0: 161, x1: 1190, y1: 509 });
  });

  it('leaves pages alone whose uncertain lines are ordinary text lines', () => {
    expect(garbledTable([line(36, 28, 0.9), line(94, 30, 0.2), line(150, 29, 0.95)])).toBeUndefined();
    expect(garbledTable([])).toBeUndefined();
  });
});
