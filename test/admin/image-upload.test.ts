import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdminError, checkFileContent, checkFileName, imageUploadName } from '../../src/admin/index.js';

const photo = readFileSync(new URL('../fixtures/ocr/notice-photo.jpg', import.meta.url));
const png = readFileSync(new URL('../fixtures/ocr/not-a-document.png', import.meta.url));

describe('image uploads (read by OCR)', () => {
  it('accepts image files whose bytes are an image, and refuses an image name on other content', () => {
    for (const name of ['通知.png', '通知.JPG', '通知.jpeg', '通知.webp']) expect(checkFileName(name)).toBe(name);
    expect(() => checkFileContent('通知.jpg', photo, 10_000_000)).not.toThrow();
    expect(() => checkFileContent('通知.png', Buffer.from('not an image, only text pretending'), 10_000_000)).toThrow(AdminError);
  });

  it('names an image message by its format and the China time it arrived', () => {
    const at = Date.UTC(2026, 11, 1, 16, 30, 5); // 2026-12-02 00:30:05 in Shanghai
    expect(imageUploadName(photo, at)).toBe('图片-20261202-003005.jpg');
    expect(imageUploadName(png, at)).toBe('图片-20261202-003005.png');
    expect(() => imageUploadName(Buffer.from('%PDF-1.4 not an image at all........'), at)).toThrow(
      expect.objectContaining({ code: 'type-mismatch' }),
    );
  });
});
