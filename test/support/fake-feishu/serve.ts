// One HTTP request to the fake: the body read and parsed, the call recorded with its answer's code,
// a slow answer or a dying sender simulated, and the rest handed to the router's gates.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJson, parseJson, type Json, type Respond, type RouteRequest } from './router.js';

/** A call as the tests read it afterwards. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  code: number;
  /** When the request arrived (ms). */
  time: number;
  authorization?: string;
}

/**
 * What happens to a bot's POST im/v1/messages: handled as usual, dropped unrecorded (the sender died
 * before the platform got it), or stored and then the connection dropped (the platform took the
 * message, the sender died before it heard back).
 */
export type SendFate = 'handle' | 'drop' | 'store-then-drop';

export interface ServeDeps {
  baseUrl: string;
  sendGate: ((chatId: string) => SendFate | Promise<SendFate>) | undefined;
  delayFor(method: string, path: string): number;
  record(call: RecordedCall): void;
  route(call: Omit<RouteRequest, 'params'>, respond: Respond): void;
}

function reply(response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

export function serve(request: IncomingMessage, response: ServerResponse, deps: ServeDeps): void {
  const arrived = Date.now();
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = new URL(request.url ?? '/', deps.baseUrl);
    const method = request.method ?? 'GET';
    const body = parseJson(Buffer.concat(chunks).toString('utf8'));
    const query = Object.fromEntries(url.searchParams);
    const authorization = request.headers.authorization;
    const note = (status: number, code: number): void =>
      deps.record({ method, path: url.pathname, query, body, status, code, time: arrived, ...(authorization ? { authorization } : {}) });
    const codeOf = (payload: Json): number => (typeof payload.code === 'number' ? payload.code : -1);
    const raw = (status: number, code: number, write: (target: ServerResponse) => void): void => {
      write(response);
      note(status, code);
    };
    const run = (respond: Respond): void => {
      try {
        deps.route({ method, path: url.pathname, query, body, authorization, request, raw }, respond);
      } catch (error) {
        respond(500, { code: 99991, msg: `fake crashed: ${error instanceof Error ? error.message : String(error)}` });
      }
    };
    const record: Respond = (status, payload, headers) => {
      note(status, codeOf(payload));
      reply(response, status, payload, headers);
    };
    const delayMs = deps.delayFor(method, url.pathname);
    if (delayMs > 0) return void setTimeout(() => run(record), delayMs);
    const gate = deps.sendGate;
    if (!gate || method !== 'POST' || url.pathname !== '/open-apis/im/v1/messages') return run(record);
    void Promise.resolve(gate(isJson(body) && typeof body.receive_id === 'string' ? body.receive_id : '')).then((fate) => {
      if (fate === 'handle') return run(record);
      if (fate === 'store-then-drop') run((status, payload) => note(status, codeOf(payload)));
      response.destroy();
    });
  });
}
