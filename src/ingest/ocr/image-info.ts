/** The formats a page image may come in, as recognised from its first bytes. */
type ImageFormat = 'png' | 'jpeg' | 'webp' | 'bmp';

/** Format and size read from an image's header, without decoding it. */
interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((value, index) => bytes[at + index] === value);
}

function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] ?? 0;
    const length = view.getUint16(offset + 2);
    // SOF0–SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    }
    offset += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunk === 'VP8X') return { width: 1 + (view.getUint32(24, true) & 0xffffff), height: 1 + (view.getUint32(27, true) & 0xffffff) };
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >> 14) & 0x3fff) };
  }
  if (chunk === 'VP8 ') return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  return undefined;
}

/** Reads an image's format and pixel size from its header; undefined when it is no image we read. */
export function imageInfo(bytes: Uint8Array): ImageInfo | undefined {
  if (bytes.length < 30) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let size: { width: number; height: number } | undefined;
  let format: ImageFormat | undefined;
  if (startsWith(bytes, PNG)) [format, size] = ['png', { width: view.getUint32(16), height: view.getUint32(20) }];
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) [format, size] = ['jpeg', jpegSize(bytes, view)];
  else if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
    [format, size] = ['webp', webpSize(bytes, view)];
  else if (startsWith(bytes, [0x42, 0x4d]))
    [format, size] = ['bmp', { width: view.getInt32(18, true), height: Math.abs(view.getInt32(22, true)) }];
  if (!format || !size || size.width <= 0 || size.height <= 0) return undefined;
  return { format, ...size };
}

/** Raw pixels (as pdf.js hands out a PDF's embedded image) as a binary PNM the engine decodes. */
export function pnmOf(pixels: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: 1 | 3 | 4 }): Uint8Array {
  const { data, width, height, channels } = pixels;
  const grey = channels === 1;
  const header = new TextEncoder().encode(`P${grey ? 5 : 6}\n${width} ${height}\n255\n`);
  const body = new Uint8Array(width * height * (grey ? 1 : 3));
  if (channels === 4) {
    for (let source = 0, target = 0; source < data.length; source += 4, target += 3) {
      body[target] = data[source] ?? 0;
      body[target + 1] = data[source + 1] ?? 0;
      body[target + 2] = data[source + 2] ?? 0;
    }
  } else body.set(data.subarray(0, body.length));
  const out = new Uint8Array(header.length + body.length);
  out.set(header);
  out.set(body, header.length);
  return out;
}
