import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chunkDocument,
  flagLowConfidence,
  parseDocument,
  readScans,
  type OcrOptions,
  type ScanRequest,
} from '../../../src/ingest/index.js';
import { silentLogger } from '../../../src/log/index.js';
import { fakeRecognizer } from './fake-recognizer.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/ocr/${name}`, import.meta.url));
const scanPdf = (file = 'scan.pdf', textPages = ['', '', '']): ScanRequest => ({
  file,
  bytes: fixture('scan-3-pages.pdf'),
  kind: 'pdf',
  textPages,
});

function options(recognizer = fakeRecognizer(), extra: Partial<OcrOptions> = {}): OcrOptions & { progress: Array<[number, number]> } {
  const progress: Array<[number, number]> = [];
  return {
    createRecognizer: () => recognizer,
    maxPages: 10,
    maxPixels: 10_000_000,
    lowConfidence: 0.6,
    onPage: (done, total) => progress.push([done, total]),
    progress,
    ...extra,
  };
}

describe('readScans', () => {
  it('reads only the blank pages of a PDF, one at a time, with per-page progress, and marks low-confidence chunks', async () => {
    const recognizer = fakeRecognizer();
    const run = options(recognizer);
    const results = await readScans([scanPdf('mixed.pdf', ['一、已有文字层的第一页内容', '', ''])], run, silentLogger);
    expect(recognizer.calls.map((image) => [image.width, image.height])).toEqual([
      [1240, 1754],
      [1240, 1754],
    ]);
    expect(run.progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(recognizer.closed).toBe(1);
    const [source] = results.documents;
    expect(source?.pageStarts).toHaveLength(3);
    const chunks = flagLowConfidence(chunkDocument(parseDocument(source!), 600), source!);
    expect(chunks.find((chunk) => chunk.text.includes('100个'))).toMatchObject({ page: 2, scanned: true, lowConfidence: true });
    expect(chunks.find((chunk) => chunk.text.includes('第一页内容'))?.lowConfidence).toBeUndefined();
  });

  it('reuses the OCR cache by file hash: a second pass reads no page', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'policy-bot-ocr-cache-'));
    await readScans([scanPdf()], options(fakeRecognizer(), { cacheDir }), silentLogger);
    expect(readdirSync(cacheDir)).toHaveLength(1);
    const again = fakeRecognizer();
    const run = options(again, { cacheDir });
    const results = await readScans([scanPdf('renamed-copy.pdf')], run, silentLogger);
    expect(again.calls).toHaveLength(0);
    expect(run.progress).toEqual([]);
    expect(results).toMatchObject({ pagesRead: 0, pagesCached: 3, skipped: [] });
    expect(results.documents[0]?.source).toBe('renamed-copy.pdf');
  });

  it('refuses by name a scan over the page or pixel limit and a corrupt image, keeping the other files', async () => {
    const recognizer = fakeRecognizer();
    const results = await readScans(
      [
        scanPdf('long.pdf'),
        { file: 'huge.png', bytes: fixture('not-a-document.png'), kind: 'image' },
        { file: 'broken.jpg', bytes: fixture('notice-photo.jpg').subarray(0, 200), kind: 'image' },
        { file: 'ok.jpg', bytes: fixture('notice-photo.jpg'), kind: 'image' },
      ],
      options(recognizer, { maxPages: 2, maxPixels: 1240 * 1754 }),
      silentLogger,
    );
    expect(results.skipped).toEqual([
      { file: 'long.pdf', reason: '扫描件需识别 3 页，超过上限 2 页（OCR_MAX_PAGES）', code: 'too-many-pages' },
      { file: 'broken.jpg', reason: '图片已损坏或格式无法识别', code: 'corrupt-image' },
    ]);
    expect(results.documents.map((document) => document.source)).toEqual(['huge.png', 'ok.jpg']);
    const small = await readScans(
      [{ file: 'photo.jpg', bytes: fixture('notice-photo.jpg'), kind: 'image' }],
      options(recognizer, { maxPixels: 1_000_000 }),
      silentLogger,
    );
    expect(small.skipped[0]?.reason).toBe('图片 1240×1754 像素，超过上限 1000000 像素（OCR_MAX_PIXELS）');
  });

  it('reports blank pages, and refuses a file where nothing readable was found with 未识别到文字', async () => {
    const results = await readScans(
      [scanPdf('blank.pdf'), { file: 'cat.png', bytes: fixture('not-a-document.png'), kind: 'image' }],
      options(fakeRecognizer([])),
      silentLogger,
    );
    expect(results.skipped).toEqual([
      { file: 'blank.pdf', reason: '未识别到文字', code: 'no-text' },
      { file: 'cat.png', reason: '未识别到文字', code: 'no-text' },
    ]);
    const partly = await readScans([scanPdf('partly.pdf', ['一、有文字层的一页内容', '', ''])], options(fakeRecognizer([])), silentLogger);
    expect(partly.blankPages).toEqual([
      { file: 'partly.pdf', page: 2 },
      { file: 'partly.pdf', page: 3 },
    ]);
    expect(partly.documents).toHaveLength(1);
  });

  it('stops the pass when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readScans([scanPdf()], options(fakeRecognizer(), { signal: controller.signal }), silentLogger)).rejects.toMatchObject({
      code: 'cancelled',
    });
  });
});
