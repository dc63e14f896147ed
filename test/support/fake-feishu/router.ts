// The fake's small router: each API area is a module that returns its routes; the server runs the
// platform's gates (token, scopes, injected failures, rate limits) in the platform's order before a
// route's handler. A new area (OAuth for an admin console, say) is one more module in `areas`.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Json = Record<string, unknown>;

/** What a handler answers with: status, JSON body and headers. */
export type Respond = (status: number, payload: Json, headers?: Record<string, string>) => void;

/** One request as a route sees it. */
export interface RouteRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The path pattern's capture groups, URI-decoded. */
  params: string[];
  authorization: string | undefined;
  request: IncomingMessage;
  /** Streams a non-JSON answer (file downloads); the call is still recorded with `code`. */
  raw(status: number, code: number, write: (response: ServerResponse) => void): void;
}

/** One endpoint of the platform. */
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: RegExp;
  /** The API's name for the per-API rate limits (absent: not limited, e.g. the token endpoint). */
  api?: string;
  /** Scopes of which the app needs any one (absent or empty: none needed). */
  scopes?: readonly string[];
  /** The token endpoint and the like need no tenant token. */
  public?: boolean;
  /** Calls the platform does not count against the rate limits (CardKit calls on a streaming card). */
  exempt?: (request: RouteRequest) => boolean;
  handle(request: RouteRequest, respond: Respond): void | Promise<void>;
}

/** Finds the route of a request and its decoded capture groups. */
export function match(routes: readonly Route[], method: string, path: string): { route: Route; params: string[] } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.path.exec(path);
    if (found) return { route, params: found.slice(1).map((part) => decodeURIComponent(part ?? '')) };
  }
  return undefined;
}

export function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Visits every object in a JSON tree. */
export function walk(node: unknown, visit: (object: Json) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (isJson(node)) {
    visit(node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
}
