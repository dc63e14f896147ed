import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { chunkDocument, formatSection, loadSources, parseDocument, type ParsedDocument } from '../../../src/ingest/index.js';
import { createLogger } from '../../../src/log/index.js';
import { makeDocx, makePdf } from './fixtures.js';

function folder(files: Record<string, string | Buffer>): string {
  const directory = mkdtempSync(join(tmpdir(), 'policy-bot-formats-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(directory, name), content);
  return directory;
}

async function parsedFrom(
  files: Record<string, string | Buffer>,
): Promise<{ documents: Map<string, ParsedDocument>; skipped: Array<{ file: string; reason: string }>; warnings: string }> {
  const warnings: string[] = [];
  const loaded = await loadSources(
    folder(files),
    createLogger('warn', (line) => warnings.push(line)),
  );
  const documents = new Map(loaded.documents.map((source) => [source.source, parseDocument(source)]));
  return { documents, skipped: loaded.skipped, warnings: warnings.join('') };
}

const recordOf = (document: ParsedDocument | undefined, value: string) =>
  document?.blocks.find((block) => block.kind === 'table-row' && block.fields?.some(([, cell]) => cell === value));

export const PDF_PAGES = [
  [
    '测试市人民政府办公室文件',
    '测政办发〔2025〕3号',
    '关于印发《测试市数字经济促进办法》的通知',
    '一、总体要求',
    '推动数字经济高质量发展。',
  ],
  ['二、支持措施', '（一）资金补助', '对新设立的数字经济企业给予最高50万元补助。'],
];

describe('document formats', () => {
  it('reads a PDF text layer with title, 文号, section path and the page of each chunk', async () => {
    const { documents } = await parsedFrom({ 'rules.pdf': makePdf(PDF_PAGES) });
    const document = documents.get('rules.pdf');
    expect(document?.meta).toMatchObject({ title: '测试市数字经济促进办法', docNumber: '测政办发〔2025〕3号' });
    const chunks = chunkDocument(document as ParsedDocument, 300);
    const grant = chunks.find((chunk) => chunk.text.includes('50万元'));
    expect(grant?.page).toBe(2);
    expect(formatSection(grant?.sectionPath ?? [])).toBe('第2页 › 二、支持措施 › （一）资金补助');
    const goal = chunks.find((chunk) => chunk.text.includes('高质量发展'));
    expect(goal).toMatchObject({ page: 1, sectionPath: ['第1页', '一、总体要求'] });
  });

  it('keeps DOCX headings and tables as structure: section path and header=value records', async () => {
    const docx = makeDocx([
      { paragraph: '测试县青年创业扶持办法' },
      { paragraph: '一、扶持对象', style: 'Heading1' },
      { paragraph: '在本县登记注册的青年创业企业。' },
      { paragraph: 'Application steps', style: 'Heading2' },
      { paragraph: '向县人社局提交申请。' },
      { paragraph: '附件1', style: 'Heading1' },
      { paragraph: '受理窗口联系表' },
      {
        table: [
          ['窗口名称', '地址', '联系电话'],
          ['县政务服务中心', '人民路1号', '0571-1234567'],
          ['开发区服务站', '创业大道8号', '0571-7654321'],
        ],
      },
    ]);
    const document = await (await parsedFrom({ 'youth.docx': docx })).documents.get('youth.docx');
    expect(document?.meta.title).toBe('测试县青年创业扶持办法');
    const paths = document?.blocks.map((block) => formatSection(block.sectionPath));
    expect(paths).toContain('一、扶持对象');
    expect(paths).toContain('一、扶持对象 › Application steps');
    const row = recordOf(document, '开发区服务站');
    expect(row?.fields).toEqual([
      ['窗口名称', '开发区服务站'],
      ['地址', '创业大道8号'],
      ['联系电话', '0571-7654321'],
    ]);
    expect(row?.sectionPath).toEqual(['附件1', '受理窗口联系表']);
    expect(row?.spans[0]?.text).toContain('联系电话=0571-7654321');
  });

  it('reads the main text of a web page: no navigation or scripts, title from <title>, tables as records', async () => {
    const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>测试区人才新政十条 - 测试区人民政府门户网站</title>
      <style>.x{color:red}</style><script>var tracker = "统计代码";</script></head>
      <body><nav><a href="/">首页</a> | <a>政务公开</a></nav>
      <div class="content"><p>索引号 | 001/2025-01 | 文号 | 测区政发〔2025〕8号</p>
      <h2>一、人才引进</h2><p>对引进的博士给予安家补贴。</p>
      <h3>（一）补贴标准</h3>
      <table><tr><th>人才类别</th><th>补贴金额</th></tr><tr><td>博士</td><td>30万元</td></tr><tr><td>硕士</td><td colspan="1">10万元</td></tr></table>
      </div><footer>版权所有 测试区人民政府 网站标识码</footer></body></html>`;
    const document = await (await parsedFrom({ 'talent.html': html })).documents.get('talent.html');
    expect(document?.meta).toMatchObject({ title: '测试区人才新政十条', docNumber: '测区政发〔2025〕8号' });
    const text = document?.blocks.map((block) => block.spans.map((span) => span.text).join('')).join('\n') ?? '';
    for (const noise of ['首页', '统计代码', 'color', '版权所有']) expect(text).not.toContain(noise);
    expect(document?.blocks.map((block) => formatSection(block.sectionPath))).toContain('一、人才引进');
    const row = recordOf(document, '博士');
    expect(row?.fields).toEqual([
      ['人才类别', '博士'],
      ['补贴金额', '30万元'],
    ]);
    expect(row?.sectionPath).toEqual(['一、人才引进', '（一）补贴标准']);
  });

  it('decodes GB18030/GBK, Big5 and UTF-16 text files; UTF-8 stays as it is', async () => {
    const body = '测试镇关于做好春耕工作的通知\n一、总体安排\n各村要抓紧组织春耕生产，确保粮食面积稳定。\n';
    const { documents } = await parsedFrom({
      'gbk.txt': iconv.encode(body, 'gbk'),
      'gb18030.md': iconv.encode(body, 'gb18030'),
      'big5.txt': iconv.encode('測試鎮關於做好春耕工作的通知\n一、總體安排\n各村要抓緊組織春耕生產，確保糧食面積穩定。\n', 'big5'),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(body, 'utf16le')]),
      'utf8.txt': body,
    });
    for (const file of ['gbk.txt', 'gb18030.md', 'utf16.txt', 'utf8.txt']) {
      const document = documents.get(file);
      expect(document?.meta.title, file).toBe('测试镇关于做好春耕工作的通知');
      expect(document?.blocks.find((block) => block.spans.some((span) => span.text.includes('春耕生产')))?.sectionPath, file).toEqual([
        '一、总体安排',
      ]);
    }
    expect(documents.get('big5.txt')?.meta.title).toBe('測試鎮關於做好春耕工作的通知');
  });

  it('skips corrupt and mislabelled files with a warning naming each, and loads the rest', async () => {
    const { documents, skipped, warnings } = await parsedFrom({
      'broken.pdf': Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'),
      'broken.docx': Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('word/document.xml garbage')]),
      'fake.docx': makePdf([['一、总则']]),
      'image.pdf': makePdf([[]]),
      'good.txt': '一、总则\n正文。',
    });
    expect([...documents.keys()]).toEqual(['good.txt']);
    expect(skipped).toEqual(
      expect.arrayContaining([
        { file: 'broken.pdf', reason: expect.stringMatching(/^unreadable PDF/) },
        { file: 'broken.docx', reason: expect.stringMatching(/^unreadable DOCX/) },
        { file: 'fake.docx', reason: 'content is PDF, not .docx' },
        { file: 'image.pdf', reason: expect.stringMatching(/no text layer/) },
      ]),
    );
    for (const file of ['broken.pdf', 'broken.docx', 'fake.docx', 'image.pdf']) expect(warnings).toContain(file);
  });
});
