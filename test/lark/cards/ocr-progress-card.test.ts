import { describe, expect, it } from 'vitest';
import { reindexProgressCard } from '../../../src/lark/cards/admin-cards.js';

describe('re-index progress card with scans', () => {
  it('shows 识别文字 x/y while scans are read, after 读取文件 and before 解析文档', () => {
    const text = JSON.stringify(reindexProgressCard('文档入库', { stage: 'ocr', done: 2, total: 5 }));
    expect(text).toContain('✅ 读取文件');
    expect(text).toContain('⏳ **识别文字** 2/5');
    expect(text).toContain('⬜ 解析文档');
    expect(text.indexOf('✅ 读取文件')).toBeLessThan(text.indexOf('⏳ **识别文字**'));
  });

  it('does not list 识别文字 for a re-index that has no scans to read', () => {
    expect(JSON.stringify(reindexProgressCard('重建索引', { stage: 'embedding', done: 1, total: 4 }))).not.toContain('识别文字');
  });
});
