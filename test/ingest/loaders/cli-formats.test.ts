import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { makeDocx, makePdf } from './fixtures.js';

interface AskJson {
  answerable: boolean;
  answer: string;
  citations: Array<{ source: string; title: string; section: string; quote: string }>;
}

describe('CLI index and ask over PDF, DOCX, HTML and GBK text with the real model', () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-formats-e2e-'));
  const docs = join(root, 'docs');
  const env = { DOCS_DIR: docs, INDEX_DIR: join(root, 'index') };

  beforeAll(async () => {
    mkdirSync(docs);
    writeFileSync(
      join(docs, 'grants.pdf'),
      makePdf([
        ['关于印发《测试市数字经济促进办法》的通知', '一、总体要求', '推动数字经济与实体经济深度融合。'],
        ['二、支持措施', '（一）资金补助', '对新设立的数字经济企业给予最高50万元一次性补助。'],
      ]),
    );
    writeFileSync(
      join(docs, 'windows.docx'),
      makeDocx([
        { paragraph: '测试县青年创业扶持办法' },
        { paragraph: '一、受理窗口', style: 'Heading1' },
        {
          table: [
            ['窗口名称', '地址', '联系电话'],
            ['县政务服务中心', '人民路1号', '0571-1234567'],
          ],
        },
      ]),
    );
    writeFileSync(
      join(docs, 'talent.html'),
      '<html><head><title>测试区人才安居办法</title></head><body><nav>首页</nav><h2>一、安居补贴</h2><p>对新引进的博士研究生给予每人30万元安家补贴。</p></body></html>',
    );
    writeFileSync(
      join(docs, 'farming.txt'),
      iconv.encode('测试镇春耕工作通知\n一、工作安排\n各村要在3月15日前完成春耕备耕物资储备。\n', 'gbk'),
    );
    const built = await runCli(['index', '--json'], env);
    expect(built.code, built.stderr).toBe(0);
    expect(JSON.parse(built.stdout)).toMatchObject({ documents: 4 });
  });

  it('answers from each format, cited from the right file, with the PDF page in the section', async () => {
    const cases = [
      { question: '新设立的数字经济企业最高补助多少？', source: 'grants.pdf', fact: '50万元', section: /^第2页 › 二、支持措施/ },
      { question: '县政务服务中心的联系电话是多少？', source: 'windows.docx', fact: '0571-1234567', section: /一、受理窗口/ },
      { question: '新引进的博士研究生安家补贴多少？', source: 'talent.html', fact: '30万元', section: /一、安居补贴/ },
      { question: '春耕备耕物资储备什么时候完成？', source: 'farming.txt', fact: '3月15日', section: /一、工作安排/ },
    ];
    const batch = join(root, 'batch.jsonl');
    writeFileSync(batch, cases.map(({ question }, index) => JSON.stringify({ id: String(index), question })).join('\n'));
    const run = await runCli(['ask', '--json', '--batch', batch], env);
    expect(run.code, run.stderr).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as AskJson);
    results.forEach((result, index) => {
      const item = cases[index];
      expect(result.answerable, item?.question).toBe(true);
      expect(result.answer.replace(/\s/g, ''), item?.question).toContain(item?.fact);
      expect(result.citations[0]?.source, item?.question).toBe(item?.source);
      expect(result.citations[0]?.section, item?.question).toMatch(item?.section ?? /$^/);
    });
  });
});
