import { extname } from 'node:path';
import { contentMatchesExtension, IMAGE_EXTENSIONS, imageInfo, sniffContentType } from '../ingest/index.js';
import { AdminError } from './errors.js';

/** The formats an admin may upload (JSONL corpora are for the command line). */
const UPLOAD_EXTENSIONS = ['.pdf', '.docx', '.txt', '.md', '.html', '.htm', '.png', '.jpg', '.jpeg', '.webp'] as const;

const MAX_NAME_CHARS = 120;
// Control characters, path separators and characters Windows or shells treat specially.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f/\\:*?"<>|]/;

/**
 * Checks a file name before anything is downloaded or written: a plain name with a supported
 * extension, no folders, no `..`, no hidden files, no control characters. Returns the name as stored
 * (NFC-normalised, surrounding spaces removed).
 */
export function checkFileName(rawName: string): string {
  const name = rawName.normalize('NFC').trim();
  if (name === '' || name === '.' || name === '..' || name.includes('..') || name.startsWith('.') || UNSAFE_CHARACTERS.test(name)) {
    throw new AdminError('unsafe-name', `unsafe file name "${rawName}"`, { name: rawName });
  }
  if (name.length > MAX_NAME_CHARS)
    throw new AdminError('unsafe-name', `file name longer than ${MAX_NAME_CHARS} characters`, { name: rawName });
  const extension = extname(name).toLowerCase();
  if (!(UPLOAD_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new AdminError('unsupported-type', `unsupported file type "${extension || 'none'}"`, { name, extension: extension || '无' });
  }
  return name;
}

/** Checks downloaded bytes against the size limit and against what the extension promises. */
export function checkFileContent(name: string, bytes: Uint8Array, maxBytes: number): void {
  if (bytes.byteLength === 0) throw new AdminError('empty-file', `${name} is empty`, { name });
  if (bytes.byteLength > maxBytes) throw new AdminError('too-large', `${name} is larger than ${maxBytes} bytes`, { name, maxBytes });
  const image = IMAGE_EXTENSIONS.has(extname(name).toLowerCase());
  if (image ? !imageInfo(bytes) : !contentMatchesExtension(extname(name), bytes)) {
    throw new AdminError('type-mismatch', `${name}: content is ${sniffContentType(bytes)}, not ${extname(name)}`, {
      name,
      actual: sniffContentType(bytes),
    });
  }
}

const IMAGE_SUFFIX = { png: 'png', jpeg: 'jpg', webp: 'webp', bmp: 'bmp' } as const;

/**
 * The name an image message is stored under (image messages carry none): 图片-YYYYMMDD-HHmmss.ext in
 * China time, the extension from the bytes. Refuses (`type-mismatch`) bytes that are no image we read.
 */
export function imageUploadName(bytes: Uint8Array, nowMs: number): string {
  const info = imageInfo(bytes);
  if (!info || info.format === 'bmp')
    throw new AdminError('type-mismatch', 'image message: content is no PNG, JPEG or WebP image', {
      name: '图片',
      actual: sniffContentType(bytes),
    });
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(nowMs);
  const part = (type: string): string => parts.find((entry) => entry.type === type)?.value ?? '00';
  return `图片-${part('year')}${part('month')}${part('day')}-${part('hour')}${part('minute')}${part('second')}.${IMAGE_SUFFIX[info.format]}`;
}
