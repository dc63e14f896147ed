import { describe, expect, it } from 'vitest';
import { normalizePunctuation, pageParagraphs, type RecognizedLine } from '../../../src/ingest/index.js';

const line = (text: string, x0: number, y0: number, x1 = 1130, confidence = 0.9): RecognizedLine => ({
  text,
  box: { x0, y0, x1, y1: y0 + 30 },
  confidence,
});

describe('normalizePunctuation', () => {
  it('drops spaces between Han characters and turns ASCII punctuation beside Han text full-width', () => {
    expect(normalizePunctuation('各区 县人民政府, 市政府直属各单位:')).toBe('各区县人民政府，市政府直属各单位：');
    expect(normalizePunctuation('(二) 优选"播种"种子')).toBe('（二）优选“播种”种子');
    expect(normalizePunctuation('不少于1/3 ;省级以上')).toBe('不少于1/3；省级以上');
  });

  it('reads a dash between years that OCR took for 一 as a dash, and leaves numbers and dates alone', () => {
    expect(normalizePunctuation('行动方案（2025一2027年）')).toBe('行动方案（2025—2027年）');
    expect(normalizePunctuation('截至2025-01-15，共1,000家')).toBe('截至2025-01-15，共1,000家');
  });
});

describe('pageParagraphs', () => {
  it('joins wrapped lines and breaks at indents, centred titles, headings and short last lines', () => {
    const paragraphs = pageParagraphs([
      line('湖州市人民政府办公室文件', 440, 100, 800),
      line('一、总体要求', 110, 200, 290),
      line('深入贯彻党的二十届三中全会精神，完整、准确、全面贯', 170, 250),
      line('彻新发展理念，因地制宜发展新质生产力。', 110, 300, 700),
      line('探索“播种”机制，浓厚创新创业氛围，彰显“创新湖州”城', 170, 350),
      line('市特质。', 110, 400, 230, 0.4),
    ]);
    expect(paragraphs.map((paragraph) => paragraph.text)).toEqual([
      '湖州市人民政府办公室文件',
      '一、总体要求',
      '深入贯彻党的二十届三中全会精神，完整、准确、全面贯彻新发展理念，因地制宜发展新质生产力。',
      '探索“播种”机制，浓厚创新创业氛围，彰显“创新湖州”城市特质。',
    ]);
    expect(paragraphs[3]?.confidence).toBe(0.4);
  });

  it('keeps table rows (cells apart by tabs) as lines of their own, tabs intact', () => {
    const paragraphs = pageParagraphs([
      line('序号\t空间 名 称\t总 面积 (平方 米 )', 63, 185),
      line('1\t帆 塘 青 创 社区\t15000', 64, 255),
      line('2\t长 三 角 高 层次 人 才 科 创 基地\t147100', 63, 325),
    ]);
    expect(paragraphs.map((paragraph) => paragraph.text)).toEqual([
      '序号\t空间名称\t总面积（平方米）',
      '1\t帆塘青创社区\t15000',
      '2\t长三角高层次人才科创基地\t147100',
    ]);
  });

  it('returns nothing for a page without lines', () => {
    expect(pageParagraphs([])).toEqual([]);
  });
});
