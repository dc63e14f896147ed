import { imageInfo, pnmOf } from './image-info.js';
import { OcrError, type PageImage } from './types.js';

/** Checks an image file's header and size before the engine sees it. */
export function imageFilePage(bytes: Uint8Array, maxPixels: number): PageImage {
  const info = imageInfo(bytes);
  if (!info) throw new OcrError('corrupt-image', '图片已损坏或格式无法识别');
  checkPixels(info.width, info.height, maxPixels);
  return { bytes, width: info.width, height: info.height };
}

function checkPixels(width: number, height: number, maxPixels: number): void {
  if (width * height > maxPixels) {
    throw new OcrError('image-too-large', `图片 ${width}×${height} 像素，超过上限 ${maxPixels} 像素（OCR_MAX_PIXELS）`);
  }
}

/** An open PDF whose pages' scanned images can be taken out one at a time. */
interface PdfScan {
  /** The largest image on a 1-based page, or undefined when the page holds none (a blank page). */
  pageImage(page: number): Promise<PageImage | undefined>;
  close(): Promise<void>;
}

/** Opens a PDF with unpdf to take out the scanned image of each page (no canvas, no system tools). */
export async function openPdfScan(bytes: Uint8Array, maxPixels: number): Promise<PdfScan> {
  const { getDocumentProxy, extractImages } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  return {
    async pageImage(page) {
      const images = await extractImages(pdf, page);
      const largest = images.sort((a, b) => b.width * b.height - a.width * a.height)[0];
      if (!largest) return undefined;
      checkPixels(largest.width, largest.height, maxPixels);
      return { bytes: pnmOf(largest), width: largest.width, height: largest.height };
    },
    close: () => pdf.destroy(),
  };
}
