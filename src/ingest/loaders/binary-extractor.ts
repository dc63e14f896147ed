import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { z } from 'zod';
import { IngestError } from '../errors.js';

/**
 * Reads the formats whose parsers are asynchronous (PDF through unpdf, DOCX through mammoth)
 * for the synchronous `loadSources`. Each call blocks until the parser answers or times out.
 */
export interface BinaryExtractor {
  /** The text layer of each page, in page order. */
  pdfPages(bytes: Buffer): string[];
  /** The document as HTML: headings as `<h1>`…, tables as `<table>`. */
  docxHtml(bytes: Buffer): string;
  /** Stops the parser thread; a later call starts a new one. */
  close(): void;
}

const reply = z.union([
  z.object({ ok: z.literal(true), pages: z.array(z.string()) }),
  z.object({ ok: z.literal(true), html: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

// The parser thread: plain JavaScript so it runs the same under tsx, vitest and node.
const workerSource = (unpdf: string, mammoth: string): string => `
import { workerData } from 'node:worker_threads';
const { port, signal } = workerData;
port.on('message', async ({ kind, bytes }) => {
  let answer;
  try {
    if (kind === 'pdf') {
      const { getDocumentProxy, extractText } = await import(${JSON.stringify(unpdf)});
      const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
      answer = { ok: true, pages: (await extractText(pdf, { mergePages: false })).text };
    } else {
      const { default: mammoth } = await import(${JSON.stringify(mammoth)});
      answer = { ok: true, html: (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value };
    }
  } catch (error) {
    answer = { ok: false, error: String(error && error.message ? error.message : error) };
  }
  port.postMessage(answer);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

interface Thread {
  worker: Worker;
  port: MessagePort;
  signal: Int32Array;
}

function startThread(): Thread {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const source = workerSource(import.meta.resolve('unpdf'), import.meta.resolve('mammoth'));
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
    workerData: { port: port2, signal },
    transferList: [port2],
    // pdf.js and mammoth warn on the console; their chatter must not reach the CLI's JSON output.
    stdout: true,
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  worker.unref();
  return { worker, port: port1, signal };
}

/** Creates the extractor; the parser thread starts at the first PDF or DOCX. */
export function createBinaryExtractor(options: { timeoutMs?: number } = {}): BinaryExtractor {
  const timeoutMs = options.timeoutMs ?? 60_000;
  let thread: Thread | undefined;
  const close = (): void => {
    thread?.port.close();
    void thread?.worker.terminate();
    thread = undefined;
  };
  const call = (kind: 'pdf' | 'docx', bytes: Buffer): z.infer<typeof reply> => {
    thread ??= startThread();
    const before = Atomics.load(thread.signal, 0);
    thread.port.postMessage({ kind, bytes: new Uint8Array(bytes) });
    const waited = Atomics.wait(thread.signal, 0, before, timeoutMs);
    const message = receiveMessageOnPort(thread.port)?.message;
    if (waited === 'timed-out' || message === undefined) {
      close();
      throw new IngestError('timeout', `${kind.toUpperCase()} parser gave no answer within ${timeoutMs} ms`);
    }
    return reply.parse(message);
  };
  return {
    pdfPages(bytes) {
      const answer = call('pdf', bytes);
      if (!answer.ok) throw new IngestError('unreadable', `unreadable PDF: ${answer.error}`);
      if (!('pages' in answer)) throw new IngestError('unreadable', 'unreadable PDF: no pages');
      return answer.pages;
    },
    docxHtml(bytes) {
      const answer = call('docx', bytes);
      if (!answer.ok) throw new IngestError('unreadable', `unreadable DOCX: ${answer.error}`);
      if (!('html' in answer)) throw new IngestError('unreadable', 'unreadable DOCX: no document');
      return answer.html;
    },
    close,
  };
}
