import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTesseractRecognizer, pnmOf, type PageImage, type TextRecognizer } from '../../../src/ingest/index.js';
import { fakeRecognizer } from './fake-recognizer.js';

/** The title band of the scanned PDF's first page (a small image, so the real engine is quick). */
async function titleBand(): Promise<PageImage> {
  const { getDocumentProxy, extractImages } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(new URL('../../fixtures/ocr/scan-3-pages.pdf', import.meta.url))), {
    verbosity: 0,
  });
  const [image] = await extractImages(pdf, 1);
  await pdf.destroy();
  if (!image) throw new Error('fixture has no image');
  const height = 260;
  const data = image.data.subarray(0, image.width * height * image.channels);
  return { bytes: pnmOf({ data, width: image.width, height, channels: image.channels }), width: image.width, height };
}

const implementations: Array<[string, () => TextRecognizer]> = [
  ['fake', () => fakeRecognizer()],
  ['tesseract.js', () => createTesseractRecognizer({ recyclePages: 2 })],
];

describe.each(implementations)('TextRecognizer contract: %s', (_name, create) => {
  const recognizer = create();
  afterAll(() => recognizer.close());

  it('returns lines in reading order with boxes and 0–1 confidences, page after page', async () => {
    const image = await titleBand();
    for (let round = 0; round < 2; round += 1) {
      const lines = await recognizer.recognize(image);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(line.text.trim()).not.toBe('');
        expect(line.box.x1).toBeGreaterThan(line.box.x0);
        expect(line.box.y1).toBeGreaterThan(line.box.y0);
        expect(line.confidence).toBeGreaterThanOrEqual(0);
        expect(line.confidence).toBeLessThanOrEqual(1);
      }
      const tops = lines.map((line) => line.box.y0);
      expect(tops).toEqual([...tops].sort((a, b) => a - b));
    }
  });

  it('rejects with code cancelled when the signal has aborted, and works again afterwards', async () => {
    const image = await titleBand();
    const controller = new AbortController();
    controller.abort();
    await expect(recognizer.recognize(image, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
    expect((await recognizer.recognize(image)).length).toBeGreaterThan(0);
  });
});

describe('tesseract.js recognizer', () => {
  it('cancels a page in progress by ending its worker, and reads the next page with a fresh one', async () => {
    const recognizer = createTesseractRecognizer();
    const image = await titleBand();
    await recognizer.recognize(image); // the worker is up: the abort below lands mid-page
    const controller = new AbortController();
    const started = performance.now();
    const pending = recognizer.recognize(image, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect((await recognizer.recognize(image)).length).toBeGreaterThan(0);
    await recognizer.close();
  });

  it('fails a page that takes longer than pageTimeoutMs instead of hanging', async () => {
    const recognizer = createTesseractRecognizer({ pageTimeoutMs: 1 });
    await expect(recognizer.recognize(await titleBand())).rejects.toMatchObject({ code: 'engine-failed' });
    await recognizer.close();
  });

  it('refuses an image whose header is fine but whose data is cut short as corrupt, and goes on', async () => {
    const recognizer = createTesseractRecognizer();
    const photo = readFileSync(new URL('../../fixtures/ocr/notice-photo.jpg', import.meta.url));
    await expect(recognizer.recognize({ bytes: photo.subarray(0, 5000), width: 1240, height: 1754 })).rejects.toMatchObject({
      code: 'corrupt-image',
    });
    expect((await recognizer.recognize(await titleBand())).length).toBeGreaterThan(0);
    await recognizer.close();
  });
});
