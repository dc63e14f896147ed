import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { readPage, type TesseractWorker } from './tesseract-page.js';
import { OcrError, type PageImage, type RecognizedLine, type TextRecognizer } from './types.js';

/** Settings of the tesseract.js engine. */
interface TesseractRecognizerConfig {
  /** A worker is ended and replaced after this many pages, so the WebAssembly heap cannot keep growing. */
  recyclePages?: number;
  /** Folder of `chi_sim.traineddata.gz`; default: the `@tesseract.js-data/chi_sim` package's best_int model. */
  langPath?: string;
  /** A page taking longer than this ends the worker and fails (`engine-failed`) instead of hanging the build. */
  pageTimeoutMs?: number;
}

const require = createRequire(import.meta.url);

/** The model shipped inside the npm package: nothing is downloaded at run time. */
function packagedLangPath(): string {
  return join(dirname(require.resolve('@tesseract.js-data/chi_sim/package.json')), '4.0.0_best_int');
}

function cancelled(): OcrError {
  return new OcrError('cancelled', 'OCR cancelled');
}

/**
 * tesseract.js (WebAssembly, LSTM `chi_sim`, which also reads Latin letters and digits) in its own
 * worker thread. One page at a time; the worker is recycled after `recyclePages` pages and ended
 * on abort, which is how a running page is cancelled.
 */
export function createTesseractRecognizer(config: TesseractRecognizerConfig = {}): TextRecognizer {
  const recyclePages = config.recyclePages ?? 20;
  const pageTimeoutMs = config.pageTimeoutMs ?? 120_000;
  const langPath = config.langPath ?? packagedLangPath();
  let worker: Promise<TesseractWorker> | undefined;
  let pages = 0;
  let queue: Promise<unknown> = Promise.resolve();

  const start = async (): Promise<TesseractWorker> => {
    const { createWorker, OEM } = await import('tesseract.js');
    // cacheMethod 'none': read the model from the package folder, write no copy into the cwd.
    const created = await createWorker('chi_sim', OEM.LSTM_ONLY, {
      langPath,
      cacheMethod: 'none',
      gzip: true,
      errorHandler: () => undefined,
    });
    // debug_file: tesseract's own notes ("Estimating resolution as …") must not reach the CLI's stderr.
    await created.setParameters({ debug_file: '/dev/null' });
    return created;
  };
  const end = async (): Promise<void> => {
    const current = worker;
    worker = undefined;
    pages = 0;
    if (current) await (await current.catch(() => undefined))?.terminate().catch(() => undefined);
  };

  const recognizeOne = async (image: PageImage, signal?: AbortSignal): Promise<RecognizedLine[]> => {
    if (signal?.aborted) throw cancelled();
    if (pages >= recyclePages) await end();
    let onAbort: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    // Set up before the worker starts, so an abort while it loads its model is not missed.
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        void end();
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      timer = setTimeout(() => {
        void end();
        reject(new OcrError('engine-failed', `OCR of one page took longer than ${pageTimeoutMs} ms`));
      }, pageTimeoutMs);
    });
    aborted.catch(() => undefined);
    try {
      worker ??= start();
      const current = await Promise.race([worker, aborted]);
      pages += 1;
      const buffer = Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength);
      return await Promise.race([readPage(current, buffer), aborted]);
    } catch (error) {
      if (error instanceof OcrError) throw error;
      await end();
      // Leptonica could not decode it: a truncated or damaged file whose header looked fine.
      if (String(error).includes('attempting to read image'))
        throw new OcrError('corrupt-image', '图片已损坏或格式无法识别', { cause: error });
      throw new OcrError('engine-failed', `OCR engine failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    }
  };

  return {
    engineId: 'tesseract.js-7/chi_sim-4.0.0_best_int/tables-1',
    recognize(image, signal) {
      // One page at a time even if callers overlap: the worker holds one page's memory.
      const next = queue.then(() => recognizeOne(image, signal));
      queue = next.catch(() => undefined);
      return next;
    },
    close: end,
  };
}
