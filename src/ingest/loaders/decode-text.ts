import chardet from 'chardet';
import iconv from 'iconv-lite';
import { IngestError } from '../errors.js';

// Encodings Chinese policy text arrives in when it is not UTF-8; GB18030 is a superset of GBK and GB2312.
const CJK_FALLBACKS = ['GB18030', 'Big5'];
const SAMPLE_BYTES = 64 * 1024;

function bomEncoding(bytes: Buffer): { encoding: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', skip: 2 };
  return undefined;
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Replacement characters and C0 controls (other than tab and line breaks) mean a wrong guess. */
function garbled(text: string): boolean {
  const bad = (text.match(/[\uFFFD\u0000-\u0008\u000E-\u001F]/g) ?? []).length;
  return bad > Math.max(4, text.length * 0.02);
}

function candidates(sample: Buffer): string[] {
  const detected = chardet.analyse(sample).map((match) => match.name);
  // chardet reads short Chinese text as a single-byte code page now and then: CJK guesses go first.
  const cjk = detected.filter((name) => /GB|Big5|EUC|Shift_JIS|UTF-16/i.test(name));
  const names = [...cjk, ...CJK_FALLBACKS, ...detected];
  return [...new Set(names)].filter((name) => iconv.encodingExists(name));
}

/**
 * Decodes a text file to a string: a byte-order mark wins, valid UTF-8 stays UTF-8, anything else
 * (GB18030/GBK, Big5, …) is detected with chardet and decoded with iconv-lite.
 */
export function decodeText(bytes: Buffer): string {
  const bom = bomEncoding(bytes);
  if (bom) return iconv.decode(bytes.subarray(bom.skip), bom.encoding);
  if (bytes.subarray(0, SAMPLE_BYTES).includes(0)) throw new IngestError('binary-content', 'binary content');
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return utf8;
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  for (const encoding of candidates(sample)) {
    const text = iconv.decode(bytes, encoding);
    if (!garbled(text)) return text;
  }
  throw new IngestError('binary-content', 'binary content');
}
