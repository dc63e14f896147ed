import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { imageInfo, pnmOf } from '../../../src/ingest/index.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/ocr/${name}`, import.meta.url));

describe('imageInfo', () => {
  it('reads format and size from PNG and JPEG headers', () => {
    expect(imageInfo(fixture('not-a-document.png'))).toEqual({ format: 'png', width: 320, height: 240 });
    expect(imageInfo(fixture('notice-photo.jpg'))).toEqual({ format: 'jpeg', width: 1240, height: 1754 });
  });

  it('reads a lossless WebP header and refuses bytes that are no image', () => {
    const webp = Buffer.alloc(40);
    webp.write('RIFF', 0);
    webp.write('WEBPVP8L', 8);
    webp.writeUInt32LE(((600 - 1) << 14) | (800 - 1), 21);
    expect(imageInfo(webp)).toEqual({ format: 'webp', width: 800, height: 600 });
    expect(imageInfo(Buffer.from('not an image at all, just some text'))).toBeUndefined();
    expect(imageInfo(fixture('notice-photo.jpg').subarray(0, 20))).toBeUndefined();
  });
});

describe('pnmOf', () => {
  it('writes raw RGBA pixels as a binary PPM without the alpha channel', () => {
    const pnm = pnmOf({ data: new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]), width: 2, height: 1, channels: 4 });
    const header = 'P6\n2 1\n255\n';
    expect(Buffer.from(pnm.subarray(0, header.length)).toString()).toBe(header);
    expect([...pnm.subarray(header.length)]).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
