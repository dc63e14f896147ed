import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ConsoleError } from './errors.js';
import type { SafeHtml } from './html.js';

/** A response a route returns; routes that stream (SSE) write it themselves and return undefined. */
export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

/** A fresh nonce per response: only our own inline script runs (CSP). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/** Headers every console response carries: no caching, no framing, no referrer to other sites, a strict CSP. */
function securityHeaders(nonce: string): Record<string, string> {
  return {
    'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // same-origin: login tokens in URLs never reach another site, and form posts keep their Origin
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

/** An HTML page reply. */
export function htmlReply(body: SafeHtml, status = 200, headers: Record<string, string | string[]> = {}): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers }, body: body.text };
}

/** A 303 to `location` (after a form post, the browser GETs the result). */
export function redirect(location: string, headers: Record<string, string | string[]> = {}): Reply {
  return { status: 303, headers: { location, ...headers } };
}

/** The request body, refused with `too-large` beyond `limit` bytes. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new ConsoleError('too-large', `the request body is over ${limit} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A url-encoded form body (small: forms carry ids and a CSRF token). */
export async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  return new URLSearchParams((await readBody(request, 64 * 1024)).toString('utf8'));
}

/** Writes a reply with the security headers. */
export function send(response: ServerResponse, reply: Reply, nonce: string): void {
  const body = reply.body ?? '';
  response.writeHead(reply.status, { ...securityHeaders(nonce), ...reply.headers, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Who is asking, for the login rate limit: the proxy's X-Forwarded-For first hop when present, else the socket. */
export function clientKey(request: IncomingMessage): string {
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || request.socket.remoteAddress || 'unknown';
}

/** Whether the browser reached us over HTTPS (directly, or through a proxy that says so). */
export function overHttps(request: IncomingMessage, publicUrl: string | undefined): boolean {
  if (publicUrl?.startsWith('https://')) return true;
  return 'encrypted' in request.socket || request.headers['x-forwarded-proto'] === 'https';
}
