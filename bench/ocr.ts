// OCR benchmark (part of `npm run bench`; alone: `npx tsx bench/ocr.ts [--pages 30]`): seconds, CPU
// seconds, peak RSS and 1 − CER (letters and digits) per page on the committed scan fixtures, then
// RSS over a long run with the worker recycled every OCR_RECYCLE_PAGES pages and never recycled.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTesseractRecognizer, pnmOf, type PageImage, type TextRecognizer } from '../src/ingest/index.js';
import { characterAccuracy } from '../test/support/cer.js';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', 'ocr');
const MiB = 1024 * 1024;
const pagesArgument = process.argv.indexOf('--pages');
const LONG_RUN = pagesArgument >= 0 ? Number(process.argv[pagesArgument + 1]) : 20;
const line = (label: string, value: string): void => {
  process.stdout.write(`${label.padEnd(52)} ${value}\n`);
};

async function fixturePages(): Promise<Array<{ label: string; image: PageImage; truth: string }>> {
  const { getDocumentProxy, extractImages } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(FIXTURES, 'scan-3-pages.pdf'))), { verbosity: 0 });
  const truths = JSON.parse(readFileSync(join(FIXTURES, 'scan-3-pages.truth.json'), 'utf8')) as string[];
  const pages = [];
  for (let page = 1; page <= pdf.numPages; page += 1) {
    const [image] = await extractImages(pdf, page);
    if (!image) continue;
    const label = page === 3 ? `scan PDF page ${page} (degraded)` : `scan PDF page ${page}`;
    pages.push({ label, image: { bytes: pnmOf(image), width: image.width, height: image.height }, truth: truths[page - 1] ?? '' });
  }
  await pdf.destroy();
  const photo = readFileSync(join(FIXTURES, 'notice-photo.jpg'));
  const [photoTruth = ''] = JSON.parse(readFileSync(join(FIXTURES, 'notice-photo.truth.json'), 'utf8')) as string[];
  pages.push({ label: 'photo JPEG (rotated, specks, q60)', image: { bytes: photo, width: 1240, height: 1754 }, truth: photoTruth });
  const [tableTruth = ''] = JSON.parse(readFileSync(join(FIXTURES, 'table-scan.truth.json'), 'utf8')) as string[];
  pages.push({
    label: 'ruled table PNG (second pass, PSM 4)',
    image: { bytes: readFileSync(join(FIXTURES, 'table-scan.png')), width: 1240, height: 560 },
    truth: tableTruth,
  });
  return pages;
}

/** Samples RSS every 20 ms while `work` runs: the worker thread's WebAssembly heap is in this process. */
async function measured<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number; cpuSeconds: number; peakMiB: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const value = await work();
    const used = process.cpuUsage(cpu);
    return {
      value,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakMiB: Math.max(peak, process.memoryUsage.rss()) / MiB,
    };
  } finally {
    clearInterval(timer);
  }
}

async function longRun(recognizer: TextRecognizer, image: PageImage, label: string): Promise<void> {
  const peaks: string[] = [];
  for (let page = 1; page <= LONG_RUN; page += 1) {
    const { peakMiB } = await measured(() => recognizer.recognize(image));
    if (page % 10 === 0 || page === LONG_RUN) peaks.push(`${page}: ${peakMiB.toFixed(0)}`);
  }
  await recognizer.close();
  line(`${label}: RSS peak (MiB) after page`, peaks.join(', '));
}

const pages = await fixturePages();
const recognizer = createTesseractRecognizer();
const started = await measured(() => recognizer.recognize(pages[0]!.image));
line('OCR engine', `tesseract.js 7, chi_sim 4.0.0_best_int (first page incl. worker start ${started.seconds.toFixed(1)} s)`);
for (const { label, image, truth } of pages) {
  const { value, seconds, cpuSeconds, peakMiB } = await measured(() => recognizer.recognize(image));
  const accuracy = characterAccuracy(truth, value.map((recognized) => recognized.text).join('\n'));
  line(
    `OCR ${label}`,
    `${seconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s, peak RSS ${peakMiB.toFixed(0)} MiB, 1−CER ${accuracy.toFixed(3)}`,
  );
}
await recognizer.close();
await longRun(createTesseractRecognizer({ recyclePages: 10 }), pages[0]!.image, `${LONG_RUN} pages, worker recycled every 10`);
await longRun(createTesseractRecognizer({ recyclePages: 1_000_000 }), pages[0]!.image, `${LONG_RUN} pages, one worker`);
line('OCR process peak RSS', `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
