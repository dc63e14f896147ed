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
import { isJson, match, walk, type Json, type Respond, type Route, type RouteRequest } from './router.js';
import { serve, type RecordedCall, type SendFate } from './serve.js';
import { DEFAULT_GRANTED_SCOPES, missingScope } from './scopes.js';
import { Faults, type DelayRule, type FailureRule } from './faults.js';
import { Waiters } from './waiters.js';
import { chatOfMessage, type CardEntity, type FakeMessage, type FakeReaction, type FakeState, type UuidRepeat } from './state.js';

export type { Json } from './router.js';
export type { CardEntity, FakeMessage, FakeReaction } from './state.js';
export type { DelayRule, FailureRule } from './faults.js';
export type { RecordedCall, SendFate } from './serve.js';

/** An endpoint module mounted on the fake (oauth.ts, chats.ts): answers a request through `record`, or returns false. */
export type FakeModule = (
  request: { method: string; path: string; query: Record<string, string>; authorization: string | undefined; body: unknown },
  record: Respond,
) => boolean;

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

export class FakeFeishu {
  readonly calls: RecordedCall[] = [];
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
  private readonly faults: Faults;
  private readonly waiters = new Waiters();
  private readonly state: FakeState;
  private readonly appSecret: string;
  private readonly routes: Route[];
  /** Endpoint modules consulted before the built-in routes (the console's OAuth and chat names). */
  readonly modules: FakeModule[] = [];
  private counter = 0;

  private constructor(
    private readonly server: Server,
    options: FakeFeishuOptions,
  ) {
    this.appId = options.appId ?? 'cli_a1b2c3d4e5f60718';
    this.appSecret = options.appSecret ?? 'fake-secret';
    this.botOpenId = options.botOpenId ?? 'ou_policy_bot';
    const botName = options.botName ?? '政策通';
    this.faults = new Faults(options.failureRate ?? 0, options.seed ?? 42);
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
      ...authRoutes(
        this.tokens,
        () => this.appId,
        () => this.appSecret,
      ),
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

  /** Share of im/cardkit calls that fail at random (a test may change it). */
  get failureRate(): number {
    return this.faults.failureRate;
  }

  set failureRate(rate: number) {
    this.faults.failureRate = rate;
  }

  /** The next `times` matching calls fail as described. */
  failNext(rule: FailureRule): void {
    this.faults.failNext(rule);
  }

  /** The next `times` matching calls are answered only after `delayMs`. */
  slowNext(rule: DelayRule): void {
    this.faults.slowNext(rule);
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
    return this.waiters.waitFor(probe, timeoutMs, what);
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
    this.waiters.notify();
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    serve(request, response, {
      baseUrl: this.baseUrl,
      sendGate: this.sendGate,
      delayFor: (method, path) => this.faults.delayFor(method, path),
      record: (call) => {
        this.calls.push(call);
        this.notify();
      },
      route: (call, respond) => this.route(call, respond),
    });
  }

  /** The platform's gates in order (token, scopes, injected failures, rate limits), then the area's handler. */
  private route(call: Omit<RouteRequest, 'params'>, respond: Respond): void {
    const { method, path, authorization } = call;
    if (this.modules.some((module) => module({ method, path, query: call.query, authorization, body: call.body }, respond))) return;
    const found = match(this.routes, method, path);
    if (!found) return respond(404, { code: 404, msg: `the fake does not implement ${method} ${path}` });
    const { route, params } = found;
    const routeRequest: RouteRequest = { ...call, params };
    if (!route.public) {
      const refusal = this.tokens.check(authorization);
      if (refusal) return respond(401, { code: refusal.code, msg: refusal.msg });
      const missing = missingScope(route.scopes, this.scopes);
      if (missing) return respond(400, missing);
    }
    const failure = this.faults.failureFor(method, path);
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
