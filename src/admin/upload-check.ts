import { extname } from 'node:path';
import { contentMatchesExtension, sniffContentType } from '../ingest/index.js';
import { AdminError } from './errors.js';

/** The formats an admin may upload (JSONL corpora are for the command line). */
export const UPLOAD_EXTENSIONS = ['.pdf', '.docx', '.txt', '.md', '.html', '.htm'] as const;

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
  if (name.length > MAX_NAME_CHARS) throw new AdminError('unsafe-name', `file name longer than ${MAX_NAME_CHARS} characters`, { name: rawName });
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
  if (!contentMatchesExtension(extname(name), bytes)) {
    throw new AdminError('type-mismatch', `${name}: content is ${sniffContentType(bytes)}, not ${extname(name)}`, {
      name,
      actual: sniffContentType(bytes),
    });
  }
}
