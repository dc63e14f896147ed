import { describe, expect, it } from 'vitest';
import { SCAN_NOTE, withScanNote } from '../../src/answer/scan-note.js';
import type { Chunk } from '../../src/ingest/index.js';

const chunk = (id: string, sectionPath: string[], extra: Partial<Chunk> = {}): Chunk => ({
  id,
  source: 'scan.pdf',
  title: '行动方案',
  sectionPath,
  kind: 'paragraph',
  text: '到2027年底建成100个。',
  start: 0,
  end: 10,
  ...extra,
});
const citation = (section: string) => ({ source: 'scan.pdf', title: '行动方案', section, quote: '到2027年底建成100个。' });

describe('withScanNote', () => {
  const passages = [
    { chunk: chunk('a', ['第2页', '二、工作目标'], { scanned: true, lowConfidence: true }), score: 1, dense: 1, lexical: 1 },
    { chunk: chunk('b', ['第1页', '一、总体要求'], { scanned: true }), score: 0.5, dense: 0.5, lexical: 0.5 },
  ];

  it('puts the scan note first when a citation quotes a low-confidence chunk', () => {
    expect(withScanNote(['其他说明'], [citation('第2页 › 二、工作目标')], passages)).toEqual([SCAN_NOTE, '其他说明']);
    expect(SCAN_NOTE).toBe('以下内容来自扫描件识别，请以原件为准');
  });

  it('says nothing for confidently read scans, uncited low-confidence passages, or twice', () => {
    expect(withScanNote([], [citation('第1页 › 一、总体要求')], passages)).toEqual([]);
    expect(withScanNote([], [], passages)).toEqual([]);
    expect(withScanNote([SCAN_NOTE], [citation('第2页 › 二、工作目标')], passages)).toEqual([SCAN_NOTE]);
  });
});
