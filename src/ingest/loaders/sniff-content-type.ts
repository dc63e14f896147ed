/** What a file's bytes are, whatever its name says. */
type ContentType = 'pdf' | 'docx' | 'html' | 'text' | 'binary';

const SNIFF_BYTES = 1024;
const PDF_MAGIC = Buffer.from('%PDF-');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EXTENSION_TYPES: Record<string, ContentType> = {
  '.pdf': 'pdf',
  '.docx': 'docx',
  '.html': 'html',
  '.htm': 'html',
  '.txt': 'text',
  '.md': 'text',
  '.markdown': 'text',
  '.jsonl': 'text',
};

/** True when the sample holds NUL bytes that are not UTF-16 text announced by a byte-order mark. */
function hasNul(sample: Buffer): boolean {
  const utf16 = (sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff);
  return !utf16 && sample.includes(0);
}

/**
 * Identifies a file by magic bytes (`%PDF-`, a ZIP holding `word/document.xml`, `<html`), so an
 * upload whose content does not match its extension can be refused.
 */
export function sniffContentType(bytes: Uint8Array): ContentType {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buffer.subarray(0, SNIFF_BYTES);
  if (head.includes(PDF_MAGIC)) return 'pdf';
  if (buffer.subarray(0, 4).equals(ZIP_MAGIC)) return buffer.includes('word/document.xml') ? 'docx' : 'binary';
  if (hasNul(head)) return 'binary';
  const start = head
    .toString('latin1')
    .replace(/^(\xef\xbb\xbf|\s)+/, '')
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html') || /<html[\s>]/.test(start)) return 'html';
  return 'text';
}

/** The content type a file name promises, or undefined for extensions policy-bot does not read. */
export function contentTypeOfExtension(extension: string): ContentType | undefined {
  return EXTENSION_TYPES[extension.toLowerCase()];
}

/**
 * Whether the bytes are what the extension promises. Text files may look like HTML (a saved page
 * named .txt) and HTML files may be fragments without `<html`, so those two accept each other.
 */
export function contentMatchesExtension(extension: string, bytes: Uint8Array): boolean {
  const expected = contentTypeOfExtension(extension);
  if (!expected) return false;
  const actual = sniffContentType(bytes);
  if (expected === 'text' || expected === 'html') return actual === 'text' || actual === 'html';
  return actual === expected;
}
