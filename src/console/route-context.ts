import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleDeps } from './console-deps.js';
import type { Reply } from './http.js';
import type { Frame } from './layout.js';
import type { Session } from './session.js';

/** What a logged-in route sees. */
export interface RouteContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  now: number;
  deps: ConsoleDeps;
  session: Session;
  frame: Frame;
  /** The url-encoded form of a POST (already read for the CSRF check); empty otherwise. */
  form: URLSearchParams;
  /** Records an admin action taken in the console, like the chat commands do. */
  audit(action: string, args: string, outcome: { ok: boolean; detail?: string }): Promise<void>;
}

/** A page or action; undefined when it wrote the response itself (server-sent events). */
export type Route = (context: RouteContext) => Promise<Reply | undefined>;

/** Routes by `METHOD /path`. */
export type RouteTable = Record<string, Route>;
