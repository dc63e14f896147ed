// A loopback fake of the Feishu Open Platform: real HTTP on 127.0.0.1, one module per API area
// (auth, bot, messages, cardkit) registered into a small router, and the platform's gates in its order:
// tenant token (expiring, revocable), permission scopes per API, injected failures, rate limits
// (50/s and 1,000/min per API with x-ogw-ratelimit-reset; CardKit calls on a streaming card exempt).
// Recorded calls, programmable failures and views of what a person would see are for the tests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authRoutes, TokenIssuer } from './auth.js';
import { botRoutes } from './bot-info.js';
import { applyCallbackReply, type CallbackOutcome } from './callbacks.js';
import { cardkitRoutes, STREAMING_LIMIT_MS } from './cardkit.js';
import { messageRoutes } from './messages.js';
import { PLATFORM_LIMITS, RateLimiter, type RateLimits } from './rate-limits.js';
import { FakeLongConnection } from './ws-server.js';
import { isJson, match, parseJson, walk, type Json, type Respond, type Route } from './router.js';
import { DEFAULT_GRANTED_SCOPES, missingScope } from './scopes.js';
import { chatOfMessage, type CardEntity, type FakeMessage, type FakeReaction, type FakeState, type UuidRepeat } from './state.js';

export type { Json } from './router.js';
export type { CardEntity, FakeMessage, FakeReaction } from './state.js';

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

/** One scripted failure: the next `times` calls matching `method` and `path` get this answer. */
export interface FailureRule {
  method?: string;
  path: RegExp;
  times: number;
  status: number;
  body?: Json;
  headers?: Record<string, string>;
}

/**
 * What happens to a bot's POST im/v1/messages: handled as usual, dropped unrecorded (the sender died
 * before the platform got it), or stored and then the connection dropped (the platform took the
 * message, the sender died before it heard back).
 */
export type SendFate = 'handle' | 'drop' | 'store-then-drop';

export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
  botOpenId?: string;
  botName?: string;
  /** Chats where reply_in_thread is refused with 230071. */
  threadlessChats?: string[];
  /** Chats the bot is not a member of: sends there are refused with 230002. */
  absentChats?: string[];
  /** Dissolved chats: sends there are refused with 232009. */
  dissolvedChats?: string[];
  /** Share of im/cardkit calls that fail at random (500, 429 with x-ogw-ratelimit-reset, or 230020). */
  failureRate?: number;
  seed?: number;
  /** The scopes the test app is granted (default: the ones docs/feishu.md lists). */
  scopes?: readonly string[];
  /** Tenant token lifetime (default 2 h). */
  tokenTtlMs?: number;
  /** Per-API and per-chat limits (default the platform's 50/s, 1,000/min, 5/s per chat). */
  rateLimits?: Partial<RateLimits>;
  /** When the platform closes streaming on its own (default 10 minutes). */
  streamingLimitMs?: number;
  /** Card entity calls a second (default 10). */
  cardCallsPerSecond?: number;
  /** How a repeated CardKit uuid is answered (default 'conflict', 200770: the docs leave it open). */
  cardUuidRepeat?: UuidRepeat;
  /** Serve the long connection (callback/ws/endpoint and a WebSocket on the same port). */
  longConnection?: boolean;
}

/** The next `times` matching calls are handled only after `delayMs` (a slow platform). */
export interface DelayRule {
  method?: string;
  path: RegExp;
  times: number;
  delayMs: number;
}

function reply(response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(JSON.stringify(body));
}

/** Deterministic pseudo-random numbers, so a failure-rate run can be repeated. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FakeFeishu {
  readonly calls: RecordedCall[] = [];
  failureRate: number;
  readonly appId: string;
  readonly botOpenId: string;
  readonly tokens: TokenIssuer;
  readonly limiter: RateLimiter;
  /** Scopes granted now (a test may add or take away). */
  readonly scopes: Set<string>;
  /** Card-action replies and what became of them. */
  readonly callbackOutcomes: CallbackOutcome[] = [];
  /** Asked before each POST im/v1/messages is handled: a test kills the sending process here. */
  sendGate?: (chatId: string) => SendFate | Promise<SendFate>;
  /** The long connection, when started with `longConnection`. */
  readonly longConnection?: FakeLongConnection;
  private readonly delays: DelayRule[] = [];
  private readonly state: FakeState;
  private readonly appSecret: string;
  private readonly rules: FailureRule[] = [];
  private readonly random: () => number;
  private readonly listeners = new Set<() => void>();
  private readonly routes: Route[];
  private counter = 0;

  private constructor(
    private readonly server: Server,
    options: FakeFeishuOptions,
  ) {
    this.appId = options.appId ?? 'cli_a1b2c3d4e5f60718';
    this.appSecret = options.appSecret ?? 'fake-secret';
    this.botOpenId = options.botOpenId ?? 'ou_policy_bot';
    const botName = options.botName ?? '政策通';
    this.failureRate = options.failureRate ?? 0;
    this.random = mulberry32(options.seed ?? 42);
    if (options.longConnection) {
      const connection = new FakeLongConnection(() => this.baseUrl);
      server.on('upgrade', (request, socket) => connection.upgrade(request, socket));
      this.longConnection = connection;
    }
    this.scopes = new Set(options.scopes ?? DEFAULT_GRANTED_SCOPES);
    this.tokens = new TokenIssuer(options.tokenTtlMs ?? 7200_000);
    this.limiter = new RateLimiter({ ...PLATFORM_LIMITS, ...options.rateLimits });
    const messages = new Map<string, FakeMessage>();
    const incomingChats = new Map<string, string>();
    this.state = {
      messages,
      cards: new Map(),
      reactions: new Map(),
      uuids: new Map(),
      incomingChats,
      recalledIncoming: new Set(),
      aggregated: new Set(),
      messageFiles: new Map(),
      threadless: new Set(options.threadlessChats ?? []),
      absent: new Set(options.absentChats ?? []),
      dissolved: new Set(options.dissolvedChats ?? []),
      limiter: this.limiter,
      streamingLimitMs: options.streamingLimitMs ?? STREAMING_LIMIT_MS,
      cardCallsPerSecond: options.cardCallsPerSecond ?? 10,
      cardUuidRepeat: options.cardUuidRepeat ?? 'conflict',
      now: () => Date.now(),
      nextId: (prefix) => {
        this.counter += 1;
        return `${prefix}${this.counter.toString(16).padStart(8, '0')}`;
      },
      chatOf: (messageId) => chatOfMessage({ messages, incomingChats }, messageId),
    };
    this.routes = [
      ...authRoutes(this.tokens, () => this.appId, () => this.appSecret),
      ...botRoutes({ openId: () => this.botOpenId, name: () => botName }, () => this.longConnection?.endpoint()),
      ...messageRoutes(this.state),
      ...cardkitRoutes(this.state),
    ];
  }

  /** Starts the fake on 127.0.0.1 and a free port. */
  static async start(options: FakeFeishuOptions = {}): Promise<FakeFeishu> {
    let fake: FakeFeishu | undefined;
    const server = createServer((request, response) => {
      if (fake) fake.handle(request, response);
    });
    fake = new FakeFeishu(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    const address: AddressInfo | string | null = this.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('fake Feishu is not listening');
    return `http://127.0.0.1:${address.port}`;
  }

  get credentials(): { appId: string; appSecret: string } {
    return { appId: this.appId, appSecret: this.appSecret };
  }

  get messages(): Map<string, FakeMessage> {
    return this.state.messages;
  }

  get cards(): Map<string, CardEntity> {
    return this.state.cards;
  }

  /** Sends refused by the 5-per-second-per-chat rule (our limiter should keep this at 0). */
  get rateViolations(): number {
    return this.limiter.chatViolations;
  }

  /** The next `times` matching calls fail as described. */
  failNext(rule: FailureRule): void {
    this.rules.push({ ...rule });
  }

  /** The next `times` matching calls are answered only after `delayMs`. */
  slowNext(rule: DelayRule): void {
    this.delays.push({ ...rule });
  }

  /** Messages the bot sent in reply to `messageId`. */
  repliesTo(messageId: string): FakeMessage[] {
    return [...this.messages.values()].filter((message) => message.parentId === messageId);
  }

  /** Messages the bot posted to a chat on its own (POST im/v1/messages, not replies), oldest first. */
  postedTo(chatId: string): FakeMessage[] {
    return [...this.messages.values()].filter((message) => message.chatId === chatId && message.parentId === undefined);
  }

  /** Every message the bot posted on its own (not replies), oldest first. */
  posted(): FakeMessage[] {
    return [...this.messages.values()].filter((message) => message.parentId === undefined);
  }

  /** The card entity a message shows, if it is one. */
  entityOf(messageId: string): CardEntity | undefined {
    const data = this.messages.get(messageId)?.content.data;
    return isJson(data) && typeof data.card_id === 'string' ? this.cards.get(data.card_id) : undefined;
  }

  /** The card a message shows now (a card entity resolved to its current JSON). */
  cardOf(messageId: string): Json | undefined {
    const message = this.messages.get(messageId);
    if (!message) return undefined;
    return message.content.type === 'card' ? this.entityOf(messageId)?.card : message.content;
  }

  /** Every version a message's card went through (a card entity's versions for an entity message). */
  historyOf(messageId: string): Json[] {
    const message = this.messages.get(messageId);
    if (!message) return [];
    return message.content.type === 'card' ? (this.entityOf(messageId)?.history ?? []) : message.history;
  }

  /** All text shown on a message's card, joined: what a person would read. */
  textOf(messageId: string): string {
    const parts: string[] = [];
    walk(this.cardOf(messageId), (object) => {
      if (typeof object.content === 'string') parts.push(object.content);
    });
    return parts.join('\n');
  }

  /** Reactions the bot put on a message (removed ones too). */
  reactionsOn(messageId: string): FakeReaction[] {
    return [...this.state.reactions.values()].filter((reaction) => reaction.messageId === messageId);
  }

  /** Calls to paths matching `path` (optionally one method). */
  callsTo(path: RegExp, method?: string): RecordedCall[] {
    return this.calls.filter((call) => path.test(call.path) && (!method || call.method === method));
  }

  /** A reset app secret: every tenant token issued so far stops working. */
  revokeTokens(): void {
    this.tokens.revokeAll();
  }

  /** Every tenant token expires now. */
  expireTokens(): void {
    this.tokens.expireAll();
  }

  /** A user recalled an incoming message: replies to it are refused (230011). */
  recallIncoming(messageId: string): void {
    this.state.recalledIncoming.add(messageId);
  }

  /** A chat was dissolved: sends there are refused (232009). */
  dissolveChat(chatId: string): void {
    this.state.dissolved.add(chatId);
  }

  /** An incoming message is an aggregated one: replies in its thread are refused (230072). */
  markAggregated(messageId: string): void {
    this.state.aggregated.add(messageId);
  }

  /** Resolves with `probe()`'s first defined value, re-checked after every call the fake receives and every 25 ms. */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (value === undefined || value === false) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Feishu: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      // also polled, for conditions that change without a call to the fake (logs, files)
      const poll = setInterval(() => check(), 25);
      const cleanup = (): void => {
        clearTimeout(timer);
        clearInterval(poll);
        this.listeners.delete(listener);
      };
      const listener = (): void => {
        check();
      };
      this.listeners.add(listener);
      check();
    });
  }

  /**
   * Applies a card callback reply the way the platform does: `card` replaces the clicked card, unless
   * the reply came after the 3 s deadline or the card entity is still streaming.
   */
  applyCallbackResponse(messageId: string, response: unknown, elapsedMs = 0): CallbackOutcome {
    const outcome = applyCallbackReply(this.state, messageId, response, elapsedMs);
    this.callbackOutcomes.push(outcome);
    this.notify();
    return outcome;
  }

  /** A file a user sent in message `messageId`, served by the message-resource API under `fileKey`. */
  addMessageFile(messageId: string, fileKey: string, bytes: Buffer): void {
    this.state.messageFiles.set(`${messageId}/${fileKey}`, bytes);
  }

  /** Tells the fake which chat an incoming message (from an event) belongs to. */
  noteIncoming(messageId: string, chatId: string): void {
    this.state.incomingChats.set(messageId, chatId);
  }

  async close(): Promise<void> {
    this.longConnection?.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', this.baseUrl);
      const method = request.method ?? 'GET';
      const body = parseJson(Buffer.concat(chunks).toString('utf8'));
      const query = Object.fromEntries(url.searchParams);
      const authorization = request.headers.authorization;
      const note = (status: number, code: number): void => {
        this.calls.push({ method, path: url.pathname, query, body, status, code, time: arrived, ...(authorization ? { authorization } : {}) });
        this.notify();
      };
      const record: Respond = (status, payload, headers) => {
        note(status, typeof payload.code === 'number' ? payload.code : -1);
        reply(response, status, payload, headers);
      };
      const run = (respond: Respond, raw: (status: number, code: number, write: (target: ServerResponse) => void) => void): void => {
        try {
          this.route(method, url.pathname, query, authorization, body, request, respond, raw);
        } catch (error) {
          respond(500, { code: 99991, msg: `fake crashed: ${error instanceof Error ? error.message : String(error)}` });
        }
      };
      const raw = (status: number, code: number, write: (target: ServerResponse) => void): void => {
        write(response);
        note(status, code);
      };
      const delay = this.delays.find((rule) => rule.times > 0 && rule.path.test(url.pathname) && (!rule.method || rule.method === method));
      if (delay) {
        delay.times -= 1;
        return void setTimeout(() => run(record, raw), delay.delayMs);
      }
      const gate = this.sendGate;
      if (!gate || method !== 'POST' || url.pathname !== '/open-apis/im/v1/messages') return run(record, raw);
      void Promise.resolve(gate(isJson(body) && typeof body.receive_id === 'string' ? body.receive_id : '')).then((fate) => {
        if (fate === 'handle') return run(record, raw);
        if (fate === 'store-then-drop') run((status, payload) => note(status, typeof payload.code === 'number' ? payload.code : -1), raw);
        response.destroy();
      });
    });
  }

  private injectedFailure(method: string, path: string): { status: number; body: Json; headers?: Record<string, string> } | undefined {
    const rule = this.rules.find((candidate) => candidate.times > 0 && candidate.path.test(path) && (!candidate.method || candidate.method === method));
    if (rule) {
      rule.times -= 1;
      return { status: rule.status, body: rule.body ?? { code: 99991, msg: 'injected failure' }, ...(rule.headers ? { headers: rule.headers } : {}) };
    }
    if (this.failureRate > 0 && /^\/open-apis\/(im|cardkit)\//.test(path) && this.random() < this.failureRate) {
      const pick = this.random();
      if (pick < 0.5) return { status: 500, body: { code: 99991, msg: 'internal error (random)' } };
      if (pick < 0.75) return { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '1' } };
      return { status: 400, body: { code: 230020, msg: 'This operation triggers the frequency limit.' } };
    }
    return undefined;
  }

  /** The platform's gates in order (token, scopes, injected failures, rate limits), then the area's handler. */
  private route(
    method: string,
    path: string,
    query: Record<string, string>,
    authorization: string | undefined,
    body: unknown,
    request: IncomingMessage,
    respond: Respond,
    raw: (status: number, code: number, write: (target: ServerResponse) => void) => void,
  ): void {
    const found = match(this.routes, method, path);
    if (!found) return respond(404, { code: 404, msg: `the fake does not implement ${method} ${path}` });
    const { route, params } = found;
    const routeRequest = { method, path, query, body, params, authorization, request, raw };
    if (!route.public) {
      const refusal = this.tokens.check(authorization);
      if (refusal) return respond(401, { code: refusal.code, msg: refusal.msg });
      const missing = missingScope(route.scopes, this.scopes);
      if (missing) return respond(400, missing);
    }
    const failure = this.injectedFailure(method, path);
    if (failure) return respond(failure.status, failure.body, failure.headers);
    if (route.api && !route.exempt?.(routeRequest)) {
      const resetSeconds = this.limiter.api(route.api);
      if (resetSeconds !== undefined) {
        return respond(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-reset': String(resetSeconds) });
      }
    }
    void route.handle(routeRequest, respond);
  }
}
