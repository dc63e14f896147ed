import { describe, expect, it } from 'vitest';
import { contentMatchesExtension, sniffContentType } from '../../../src/ingest/index.js';
import { makeDocx, makePdf, makeZip } from './fixtures.js';

describe('sniffContentType', () => {
  const pdf = makePdf([['第一页']]);
  const docx = makeDocx([{ paragraph: '正文' }]);

  it('tells formats apart by their bytes', () => {
    expect(sniffContentType(pdf)).toBe('pdf');
    expect(sniffContentType(docx)).toBe('docx');
    expect(sniffContentType(makeZip({ 'xl/workbook.xml': '<x/>' }))).toBe('binary');
    expect(sniffContentType(Buffer.from('\uFEFF <!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
    expect(sniffContentType(Buffer.from('<HTML lang="zh">'))).toBe('html');
    expect(sniffContentType(Buffer.from('一、总则\n正文。'))).toBe('text');
    expect(sniffContentType(Buffer.from([0x00, 0x01, 0x02, 0x03]))).toBe('binary');
    expect(sniffContentType(Buffer.from([0xff, 0xfe, 0x00, 0x4e]))).toBe('text');
  });

  it('refuses a file whose content does not match its extension', () => {
    expect(contentMatchesExtension('.pdf', pdf)).toBe(true);
    expect(contentMatchesExtension('.DOCX', docx)).toBe(true);
    expect(contentMatchesExtension('.docx', pdf)).toBe(false);
    expect(contentMatchesExtension('.pdf', Buffer.from('just text'))).toBe(false);
    expect(contentMatchesExtension('.txt', pdf)).toBe(false);
    expect(contentMatchesExtension('.html', Buffer.from('<p>片段</p>'))).toBe(true);
    expect(contentMatchesExtension('.md', Buffer.from('# 标题'))).toBe(true);
    expect(contentMatchesExtension('.exe', Buffer.from('MZ'))).toBe(false);
  });
});
