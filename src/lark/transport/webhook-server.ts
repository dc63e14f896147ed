import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../../log/index.js';
import type { OpsRoutes } from '../../ops/index.js';
import { verifyWebhook, type WebhookSecrets } from './webhook-verify.js';

/** Hands a verified event to the SDK dispatcher (`dispatcher.invoke(payload, { needCheck: false })`). */
type Invoke = (payload: Record<string, unknown>) => Promise<unknown>;

const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? {});
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * The webhook transport: one POST path, verified by us (401 bad signature or token, 400 malformed,
 * challenge answered), then the same dispatcher the long connection uses. `routes` (the ops routes:
 * `/healthz`, `/metrics`) are served first; without them `GET /healthz` answers `{ok: true}` for probes.
 */
export function createWebhookServer(options: {
  path: string;
  secrets: WebhookSecrets;
  invoke: Invoke;
  logger: Logger;
  routes?: OpsRoutes | undefined;
  /** Counts refused and failed deliveries (a run of 401s usually means a wrong key or token). */
  onError?: (() => void) | undefined;
}): Server {
  const { path, secrets, invoke, logger } = options;
  return createServer((request, response) => {
    if (options.routes?.(request, response)) return;
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method === 'GET' && pathname === '/healthz') return send(response, 200, { ok: true });
    if (pathname !== path) return send(response, 404, { error: 'not found' });
    if (request.method !== 'POST') return send(response, 405, { error: 'POST only' });
    void (async () => {
      let raw: string;
      try {
        raw = await readBody(request);
      } catch (error) {
        return send(response, error instanceof BodyTooLarge ? 413 : 400, { error: 'unreadable body' });
      }
      const verdict = verifyWebhook(raw, request.headers, secrets);
      if ('status' in verdict) {
        logger.warn('lark.webhook_rejected', { status: verdict.status, reason: verdict.reason });
        options.onError?.();
        return send(response, verdict.status, { error: verdict.reason });
      }
      if (verdict.kind === 'challenge') return send(response, 200, { challenge: verdict.challenge });
      try {
        const result = await invoke(verdict.payload);
        // The dispatcher answers unknown event types with a string; the platform only needs a 200.
        send(response, 200, typeof result === 'object' && result !== null ? result : {});
      } catch (error) {
        logger.error('lark.webhook_failed', { error });
        options.onError?.();
        send(response, 500, { error: 'internal error' });
      }
    })();
  });
}
