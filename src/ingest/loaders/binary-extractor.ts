import { IngestError } from '../errors.js';

/** Reads the formats whose parsers are asynchronous: PDF through unpdf, DOCX through mammoth. */
export interface BinaryExtractor {
  /** The text layer of each page, in page order. */
  pdfPages(bytes: Buffer): Promise<string[]>;
  /** The document as HTML: headings as `<h1>`…, tables as `<table>`. */
  docxHtml(bytes: Buffer): Promise<string>;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * pdf.js warns on the console about odd fonts; that chatter must not reach the CLI's JSON output,
 * so the parser is asked to stay quiet (verbosity 0) and its modules load only when a PDF or DOCX comes.
 */
export const binaryExtractor: BinaryExtractor = {
  async pdfPages(bytes) {
    try {
      const { getDocumentProxy, extractText } = await import('unpdf');
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      try {
        return (await extractText(pdf, { mergePages: false })).text;
      } finally {
        await pdf.destroy();
      }
    } catch (error) {
      throw new IngestError('unreadable', `unreadable PDF: ${reason(error)}`, { cause: error });
    }
  },
  async docxHtml(bytes) {
    try {
      const { default: mammoth } = await import('mammoth');
      return (await mammoth.convertToHtml({ buffer: bytes })).value;
    } catch (error) {
      throw new IngestError('unreadable', `unreadable DOCX: ${reason(error)}`, { cause: error });
    }
  },
};
