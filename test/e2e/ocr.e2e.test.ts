import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { characterAccuracy } from '../support/cer.js';
import { runCli } from '../support/cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'ocr');
const PDF = join(FIXTURES, 'scan-3-pages.pdf');

interface Summary {
  documents: number;
  skipped: Array<{ file: string; reason: string }>;
  ocr?: { pagesRead: number; pagesCached: number; blankPages: unknown[] };
  seconds: number;
}

// The one OCR end-to-end test of the default run: the real CLI, tesseract.js and the embedding model.
describe('an image-only PDF in DOCS_DIR, read by OCR', () => {
  const root = mkdtempSync(join(tmpdir(), 'policy-bot-ocr-e2e-'));
  const docsDir = join(root, 'docs');
  const env = { DOCS_DIR: docsDir, INDEX_DIR: join(root, 'index') };
  let first: Summary;
  let firstStderr = '';

  beforeAll(async () => {
    mkdirSync(docsDir);
    copyFileSync(PDF, join(docsDir, '湖州播种计划-扫描件.pdf'));
    copyFileSync(join(FIXTURES, 'not-a-document.png'), join(docsDir, 'cat.png'));
    copyFileSync(join(FIXTURES, 'table-scan.png'), join(docsDir, '青创空间汇总表.png'));
    writeFileSync(join(docsDir, 'broken.jpg'), readFileSync(join(FIXTURES, 'notice-photo.jpg')).subarray(0, 300));
    const built = await runCli(['index', '--json'], env);
    expect(built.code, built.stderr).toBe(0);
    first = JSON.parse(built.stdout) as Summary;
    firstStderr = built.stderr;
  });

  it('indexes the scan, shows 识别文字 progress, and refuses the cat photo and the corrupt image by name', () => {
    expect(first.documents).toBe(2);
    expect(first.ocr).toMatchObject({ pagesRead: 4, pagesCached: 0, blankPages: [] });
    expect(first.skipped).toEqual(
      expect.arrayContaining([
        { file: 'cat.png', reason: '未识别到文字' },
        { file: 'broken.jpg', reason: '图片已损坏或格式无法识别' },
      ]),
    );
    expect(firstStderr).toMatch(/识别文字\s+\[#+\] 5\/5/);
  });

  it('reads letters and digits at 1 − CER ≥ 0.97 on clean pages and ≥ 0.95 on the degraded one', () => {
    const hash = createHash('sha256').update(readFileSync(PDF)).digest('hex');
    const cacheDir = join(root, 'index', 'cache', 'ocr');
    const file = readdirSync(cacheDir).find((name) => name.startsWith(hash));
    const cached = JSON.parse(readFileSync(join(cacheDir, file ?? 'missing'), 'utf8')) as {
      pages: Array<{ page: number; lines: Array<{ text: string }> }>;
    };
    const truth = JSON.parse(readFileSync(join(FIXTURES, 'scan-3-pages.truth.json'), 'utf8')) as string[];
    const accuracy = truth.map((reference, index) => {
      const lines = cached.pages.find((entry) => entry.page === index + 1)?.lines ?? [];
      return characterAccuracy(reference, lines.map((line) => line.text).join('\n'));
    });
    expect(accuracy[0]).toBeGreaterThanOrEqual(0.97);
    expect(accuracy[1]).toBeGreaterThanOrEqual(0.97);
    expect(accuracy[2]).toBeGreaterThanOrEqual(0.95);
  });

  it('answers a question about the scan with a 第N页 citation and its 文号', async () => {
    const run = await runCli(['ask', '--json', '每年引进培育创新型小微企业多少家？'], env);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { answerable: boolean; answer: string; citations: Array<{ source: string; section: string }> };
    expect(result.answerable).toBe(true);
    expect(result.answer).toContain('1000家');
    expect(result.citations[0]).toMatchObject({
      source: '湖州播种计划-扫描件.pdf',
      section: expect.stringMatching(/^第3页 › 二、工作目标/),
    });
    const info = await runCli(['ask', '--json', '湖政办发[2025]9号是什么文件？'], env);
    expect(JSON.parse(info.stdout).answer).toContain('播种计划');
  });

  it('reads a ruled table in a scanned image as records: a row answers with its cells', async () => {
    const run = await runCli(['ask', '--json', '含山未来合创谷的运营主体是谁？'], env);
    const result = JSON.parse(run.stdout) as { answer: string; citations: Array<{ source: string; section: string }> };
    expect(result.answer).toContain('杭州向村乡创科技有限公司');
    expect(result.answer).toContain('4400');
    expect(result.citations[0]).toMatchObject({ source: '青创空间汇总表.png', section: expect.stringContaining('附件1') });
  });

  it('re-indexes from the OCR cache without reading a page again', async () => {
    const again = await runCli(['index', '--json'], env);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout) as Summary;
    expect(summary.ocr).toMatchObject({ pagesRead: 0, pagesCached: 4 });
    expect(summary.documents).toBe(2);
    expect(again.stderr).not.toContain('识别文字');
    expect(summary.seconds).toBeLessThan(first.seconds);
  });
});
