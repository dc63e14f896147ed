import type { Client } from '@larksuiteoapi/node-sdk';
import { Readable } from 'node:stream';
import { AdminError } from '../../admin/index.js';
import { LarkError } from '../errors.js';
import { larkErrorFrom, withFreshTokenRetry } from './sdk-request.js';

/** Downloads a file a user sent in a message; refuses (AdminError `too-large`) past `maxBytes` without reading further. */
export type DownloadMessageFile = (input: {
  messageId: string;
  fileKey: string;
  fileName: string;
  maxBytes: number;
  type?: 'file' | 'image' | undefined;
}) => Promise<Buffer>;

async function readLimited(stream: Readable, maxBytes: number, fileName: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    length += buffer.byteLength;
    if (length > maxBytes) {
      stream.destroy();
      throw new AdminError('too-large', `${fileName} is larger than ${maxBytes} bytes`, { name: fileName, maxBytes });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * A failed download's error body arrives as a stream (the request asked for one): read it (it is a
 * short JSON envelope) so the platform's code, 99991672 for a missing scope say, is not lost.
 */
async function withBodyRead(error: unknown): Promise<unknown> {
  const response: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'response') : undefined;
  const data: unknown = typeof response === 'object' && response !== null ? Reflect.get(response, 'data') : undefined;
  if (!(data instanceof Readable)) return error;
  try {
    const text = (await readLimited(data, 64 * 1024, 'error body')).toString('utf8');
    return { response: { ...Object(response), data: JSON.parse(text) as unknown } };
  } catch {
    return error;
  }
}

/**
 * Through the message-resource API (`GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file`, `type=image` for an image message),
 * the only one that serves files users sent (the Channel's `downloadResource` reads the app's own uploads).
 * A `content-length` over the limit is refused before the body is read.
 */
export function messageFileDownloader(client: Client, timeoutMs: number): DownloadMessageFile {
  // a refused tenant token: a fresh one and one more try, as for every other call
  return withFreshTokenRetry(client, downloadOnce(client, timeoutMs));
}

function downloadOnce(client: Client, timeoutMs: number): DownloadMessageFile {
  return async ({ messageId, fileKey, fileName, maxBytes, type = 'file' }) => {
    const path = `/open-apis/im/v1/messages/${messageId}/resources/${fileKey}`;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await client.im.v1.messageResource.get({ path: { message_id: messageId, file_key: fileKey }, params: { type } });
      const declared = Number(Reflect.get(Object(response.headers), 'content-length'));
      const stream = response.getReadableStream();
      if (Number.isFinite(declared) && declared > maxBytes) {
        stream.destroy();
        throw new AdminError('too-large', `${fileName} is larger than ${maxBytes} bytes`, { name: fileName, maxBytes });
      }
      controller.signal.addEventListener('abort', () =>
        stream.destroy(new LarkError('network', `${path}: download took longer than ${timeoutMs} ms`)),
      );
      return await readLimited(stream, maxBytes, fileName);
    } catch (error) {
      if (error instanceof AdminError || error instanceof LarkError) throw error;
      throw larkErrorFrom(await withBodyRead(error), path);
    } finally {
      clearTimeout(timer);
    }
  };
}
