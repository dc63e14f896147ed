// A loopback fake of the Feishu Open Platform: real HTTP on 127.0.0.1, the endpoints the bot uses,
// platform rules that catch our mistakes (uuid idempotency, update_multi, CardKit sequences, 5 QPS per
// chat, 30 KB cards, 230071 in thread-less chats), recorded calls and programmable failures.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  code: number;
  /** When the request arrived (ms). */
  time: number;
}

/** A message the bot sent, as the platform stores it. */
export interface FakeMessage {
  messageId: string;
  chatId: string;
  /** The message replied to. */
  parentId?: string;
  msgType: string;
  /** Card JSON, or `{ type: 'card', data: { card_id } }` for a card entity. */
  content: Json;
  uuid?: string;
  replyInThread: boolean;
  createdAt: number;
  updates: number;
  /** Every version of a JSON card message, first to last. */
  history: Json[];
}

interface CardEntity {
  card: Json;
  sequence: number;
  sentAs?: string;
  /** Every version of the entity's card, first to last. */
  history: Json[];
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

/** An endpoint module mounted on the fake (oauth.ts): answers a request through `record`, or returns false. */
export type FakeModule = (request: { method: string; path: string; query: Record<string, string>; authorization: string | undefined; body: unknown }, record: (status: number, payload: Json, headers?: Record<string, string>) => void) => boolean;

export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
  botOpenId?: string;
  botName?: string;
  /** Chats where reply_in_thread is refused with 230071. */
  threadlessChats?: string[];
  /** Chats the bot is not a member of: sends there are refused with 230002. */
  absentChats?: string[];
  /** Share of im/cardkit calls that fail at random (500, 429 with x-ogw-ratelimit-reset, or 230020). */
  failureRate?: number;
  seed?: number;
}

const TOKEN = 't-fake-tenant-token';
const MAX_CARD_BYTES = 30 * 1024;

function reply(response: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(text);
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Visits every object in a card JSON tree. */
function walk(node: unknown, visit: (object: Json) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (isJson(node)) {
    visit(node);
    Object.values(node).forEach((child) => walk(child, visit));
  }
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
  readonly messages = new Map<string, FakeMessage>();
  readonly cards = new Map<string, CardEntity>();
  /** Sends refused by the fake's own 5-per-second-per-chat rule (our limiter should keep this at 0). */
  rateViolations = 0;
  failureRate: number;
  readonly appId: string;
  readonly botOpenId: string;
  private readonly appSecret: string;
  private readonly botName: string;
  private readonly threadless: Set<string>;
  private readonly absent: Set<string>;
  private readonly rules: FailureRule[] = [];
  private readonly uuids = new Map<string, { messageId: string; at: number }>();
  /** Asked before each POST im/v1/messages is handled: a test kills the sending process here. */
  sendGate?: (chatId: string) => SendFate | Promise<SendFate>;
  private readonly sendTimes = new Map<string, number[]>();
  private readonly random: () => number;
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  /** Endpoint modules consulted before the built-in routes. */
  readonly modules: FakeModule[] = [];

  private constructor(
    private readonly server: Server,
    options: FakeFeishuOptions,
  ) {
    this.appId = options.appId ?? 'cli_a1b2c3d4e5f60718';
    this.appSecret = options.appSecret ?? 'fake-secret';
    this.botOpenId = options.botOpenId ?? 'ou_policy_bot';
    this.botName = options.botName ?? '政策通';
    this.threadless = new Set(options.threadlessChats ?? []);
    this.absent = new Set(options.absentChats ?? []);
    this.failureRate = options.failureRate ?? 0;
    this.random = mulberry32(options.seed ?? 42);
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

  /** The next `times` matching calls fail as described. */
  failNext(rule: FailureRule): void {
    this.rules.push({ ...rule });
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

  /** The card a message shows now (a card entity resolved to its current JSON). */
  cardOf(messageId: string): Json | undefined {
    const message = this.messages.get(messageId);
    if (!message) return undefined;
    const data = message.content.data;
    if (message.content.type === 'card' && isJson(data) && typeof data.card_id === 'string') return this.cards.get(data.card_id)?.card;
    return message.content;
  }

  /** Every version a message's card went through (a card entity's versions for an entity message). */
  historyOf(messageId: string): Json[] {
    const message = this.messages.get(messageId);
    if (!message) return [];
    const data = message.content.data;
    if (message.content.type === 'card' && isJson(data) && typeof data.card_id === 'string') return this.cards.get(data.card_id)?.history ?? [];
    return message.history;
  }

  /** All text shown on a message's card, joined: what a person would read. */
  textOf(messageId: string): string {
    const parts: string[] = [];
    walk(this.cardOf(messageId), (object) => {
      if (typeof object.content === 'string') parts.push(object.content);
    });
    return parts.join('\n');
  }

  /** Calls to paths matching `path` (optionally one method). */
  callsTo(path: RegExp, method?: string): RecordedCall[] {
    return this.calls.filter((call) => path.test(call.path) && (!method || call.method === method));
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

  /** Applies a card callback response the way the platform does: `card` replaces the clicked card. */
  applyCallbackResponse(messageId: string, response: unknown): void {
    if (!isJson(response) || !isJson(response.card) || response.card.type !== 'raw' || !isJson(response.card.data)) return;
    const message = this.messages.get(messageId);
    if (!message) return;
    const data = message.content.data;
    if (message.content.type === 'card' && isJson(data) && typeof data.card_id === 'string') {
      const entity = this.cards.get(data.card_id);
      if (entity) {
        entity.card = response.card.data;
        entity.history.push(response.card.data);
      }
    } else {
      message.content = response.card.data;
      message.history.push(response.card.data);
    }
    message.updates += 1;
    this.notify();
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter.toString(16).padStart(8, '0')}`;
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
      const record = (status: number, payload: Json, headers?: Record<string, string>): void => {
        this.calls.push({ method, path: url.pathname, query, body, status, code: typeof payload.code === 'number' ? payload.code : -1, time: arrived });
        reply(response, status, payload, headers);
        this.notify();
      };
      const handle = (respond: typeof record): void => {
        try {
          if (method === 'GET' && this.serveMessageFile(url.pathname, query, request.headers.authorization, response)) return;
          this.route(method, url.pathname, query, request.headers.authorization, body, respond);
        } catch (error) {
          respond(500, { code: 99991, msg: `fake crashed: ${error instanceof Error ? error.message : String(error)}` });
        }
      };
      const gate = this.sendGate;
      if (!gate || method !== 'POST' || url.pathname !== '/open-apis/im/v1/messages') return handle(record);
      void Promise.resolve(gate(isJson(body) && typeof body.receive_id === 'string' ? body.receive_id : '')).then((fate) => {
        if (fate === 'handle') return handle(record);
        if (fate === 'store-then-drop') {
          handle((status, payload) => {
            this.calls.push({ method, path: url.pathname, query, body, status, code: typeof payload.code === 'number' ? payload.code : -1, time: arrived });
            this.notify();
          });
        }
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

  /** 5 messages a second to one chat, as the platform enforces. */
  private chatOverLimit(chatId: string): boolean {
    const now = Date.now();
    const times = (this.sendTimes.get(chatId) ?? []).filter((time) => time > now - 1000);
    this.sendTimes.set(chatId, times);
    if (times.length >= 5) return true;
    times.push(now);
    return false;
  }

  private route(
    method: string,
    path: string,
    query: Record<string, string>,
    authorization: string | undefined,
    body: unknown,
    record: (status: number, payload: Json, headers?: Record<string, string>) => void,
  ): void {
    if (this.modules.some((module) => module({ method, path, query, authorization, body }, record))) return;
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      if (!isJson(body) || body.app_id !== this.appId || body.app_secret !== this.appSecret) return record(400, { code: 10014, msg: 'app secret invalid' });
      return record(200, { code: 0, msg: 'ok', tenant_access_token: TOKEN, expire: 7200 });
    }
    if (method === 'POST' && path === '/callback/ws/endpoint') return record(200, { code: 1, msg: 'the fake has no long connection' });
    if (authorization !== `Bearer ${TOKEN}`) return record(401, { code: 99991663, msg: 'Invalid access token for authorization.' });
    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      return record(200, { code: 0, msg: 'ok', bot: { open_id: this.botOpenId, app_name: this.botName, activate_status: 2 } });
    }
    const failure = this.injectedFailure(method, path);
    if (failure) return record(failure.status, failure.body, failure.headers);

    if (method === 'POST' && path === '/open-apis/im/v1/messages') {
      if (query.receive_id_type !== 'chat_id' || !isJson(body) || typeof body.receive_id !== 'string' || body.receive_id === '') {
        return record(400, { code: 230001, msg: 'receive_id_type=chat_id and receive_id are required' });
      }
      return this.send({ chatId: body.receive_id }, body, record);
    }
    const replyMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (method === 'POST' && replyMatch) {
      const parentId = decodeURIComponent(replyMatch[1] ?? '');
      return this.send({ parentId, chatId: this.chatOf(parentId) }, body, record);
    }
    const messageMatch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && messageMatch) return this.patch(decodeURIComponent(messageMatch[1] ?? ''), body, record);
    if (method === 'POST' && path === '/open-apis/cardkit/v1/cards') {
      if (!isJson(body) || body.type !== 'card_json' || typeof body.data !== 'string') return record(400, { code: 230001, msg: 'invalid card' });
      const card = parseJson(body.data);
      if (!isJson(card) || card.schema !== '2.0') return record(400, { code: 200621, msg: 'card json 2.0 required' });
      const cardId = this.nextId('7c');
      this.cards.set(cardId, { card, sequence: 0, history: [structuredClone(card)] });
      return record(200, { code: 0, msg: 'ok', data: { card_id: cardId } });
    }
    const cardMatch = /^\/open-apis\/cardkit\/v1\/cards\/([^/]+)(\/elements\/([^/]+)\/content|\/settings)?$/.exec(path);
    if (cardMatch && (method === 'PUT' || method === 'PATCH')) return this.updateCard(decodeURIComponent(cardMatch[1] ?? ''), cardMatch[3], cardMatch[2], body, record);
    return record(404, { code: 404, msg: `the fake does not implement ${method} ${path}` });
  }

  /** A reply (`parentId`) or a new message to a chat; a uuid seen within the hour returns the first message and posts nothing. */
  private send(target: { chatId: string; parentId?: string }, body: unknown, record: (status: number, payload: Json) => void): void {
    if (!isJson(body) || typeof body.msg_type !== 'string' || typeof body.content !== 'string') return record(400, { code: 230001, msg: 'invalid request' });
    const { chatId, parentId } = target;
    const uuid = typeof body.uuid === 'string' ? body.uuid : undefined;
    const known = uuid ? this.uuids.get(uuid) : undefined;
    if (known && Date.now() - known.at < 3600_000) return record(200, { code: 0, msg: 'ok', data: this.messageData(known.messageId) });
    if (this.absent.has(chatId)) return record(400, { code: 230002, msg: 'The bot can not be outside the group.' });
    if (body.reply_in_thread === true && this.threadless.has(chatId)) {
      return record(400, { code: 230071, msg: 'The group to which the message belongs does not support reply in thread.' });
    }
    if (Buffer.byteLength(body.content) > MAX_CARD_BYTES) return record(400, { code: 230025, msg: 'message too long' });
    const content = parseJson(body.content);
    if (!isJson(content)) return record(400, { code: 230001, msg: 'content is not JSON' });
    const data = content.data;
    if (content.type === 'card' && isJson(data) && typeof data.card_id === 'string') {
      const entity = this.cards.get(data.card_id);
      if (!entity) return record(400, { code: 230099, msg: 'card entity not found' });
      if (entity.sentAs) return record(400, { code: 230099, msg: 'a card entity can only be sent once' });
    }
    if (this.chatOverLimit(chatId)) {
      this.rateViolations += 1;
      return record(400, { code: 230020, msg: 'This operation triggers the frequency limit.' });
    }
    const messageId = this.nextId('om_bot');
    if (content.type === 'card' && isJson(data) && typeof data.card_id === 'string') {
      const entity = this.cards.get(data.card_id);
      if (entity) entity.sentAs = messageId;
    }
    this.messages.set(messageId, {
      messageId,
      chatId,
      ...(parentId !== undefined ? { parentId } : {}),
      msgType: body.msg_type,
      content,
      ...(uuid ? { uuid } : {}),
      replyInThread: body.reply_in_thread === true,
      createdAt: Date.now(),
      updates: 0,
      history: content.type === 'card' ? [] : [content],
    });
    if (uuid) this.uuids.set(uuid, { messageId, at: Date.now() });
    record(200, { code: 0, msg: 'ok', data: this.messageData(messageId) });
  }

  private patch(messageId: string, body: unknown, record: (status: number, payload: Json) => void): void {
    const message = this.messages.get(messageId);
    if (!message) return record(400, { code: 230001, msg: 'message not found' });
    if (!isJson(body) || typeof body.content !== 'string') return record(400, { code: 230001, msg: 'invalid request' });
    const card = parseJson(body.content);
    const config = isJson(card) ? card.config : undefined;
    const before = message.content.config;
    if (!isJson(card) || !isJson(config) || config.update_multi !== true || !isJson(before) || before.update_multi !== true) {
      return record(400, { code: 230001, msg: 'update_multi must be true before and after the update' });
    }
    if (Buffer.byteLength(body.content) > MAX_CARD_BYTES) return record(400, { code: 230025, msg: 'message too long' });
    message.content = card;
    message.history.push(card);
    message.updates += 1;
    record(200, { code: 0, msg: 'ok', data: {} });
  }

  private updateCard(
    cardId: string,
    elementId: string | undefined,
    suffix: string | undefined,
    body: unknown,
    record: (status: number, payload: Json) => void,
  ): void {
    const entity = this.cards.get(cardId);
    if (!entity) return record(400, { code: 300301, msg: 'card not found' });
    if (!isJson(body) || typeof body.sequence !== 'number') return record(400, { code: 230001, msg: 'sequence required' });
    if (body.sequence <= entity.sequence) return record(400, { code: 300317, msg: 'sequence must increase' });
    entity.sequence = body.sequence;
    if (elementId !== undefined) {
      let found = false;
      walk(entity.card, (object) => {
        if (object.element_id === decodeURIComponent(elementId) && typeof body.content === 'string') {
          object.content = body.content;
          found = true;
        }
      });
      if (!found) return record(400, { code: 300302, msg: 'element not found' });
    } else if (suffix === '/settings') {
      const settings = typeof body.settings === 'string' ? parseJson(body.settings) : undefined;
      if (isJson(settings) && isJson(settings.config)) entity.card = { ...entity.card, config: { ...(isJson(entity.card.config) ? entity.card.config : {}), ...settings.config } };
    } else {
      const card = isJson(body.card) && typeof body.card.data === 'string' ? parseJson(body.card.data) : undefined;
      if (!isJson(card) || card.schema !== '2.0') return record(400, { code: 200621, msg: 'card json 2.0 required' });
      entity.card = card;
    }
    entity.history.push(structuredClone(entity.card));
    if (entity.sentAs) {
      const message = this.messages.get(entity.sentAs);
      if (message) message.updates += 1;
    }
    record(200, { code: 0, msg: 'ok', data: {} });
  }

  /** The chat of a message we were told about in an event, or of a bot message. */
  private chatOf(messageId: string): string {
    return this.messages.get(messageId)?.chatId ?? this.incomingChats.get(messageId) ?? 'oc_unknown';
  }

  private readonly incomingChats = new Map<string, string>();
  private readonly messageFiles = new Map<string, Buffer>();

  /** A file a user sent in message `messageId`, served by the message-resource API under `fileKey`. */
  addMessageFile(messageId: string, fileKey: string, bytes: Buffer): void {
    this.messageFiles.set(`${messageId}/${fileKey}`, bytes);
  }

  /**
   * `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file`: the bytes with their
   * content-length, as the platform streams them; a key not in that message is a JSON error.
   */
  private serveMessageFile(path: string, query: Record<string, string>, authorization: string | undefined, response: ServerResponse): boolean {
    const match = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (!match) return false;
    const record = (status: number, code: number): void => {
      this.calls.push({ method: 'GET', path, query, body: undefined, status, code, time: Date.now() });
      this.notify();
    };
    const bytes = this.messageFiles.get(`${decodeURIComponent(match[1] ?? '')}/${decodeURIComponent(match[2] ?? '')}`);
    if (authorization !== `Bearer ${TOKEN}`) {
      reply(response, 401, { code: 99991663, msg: 'Invalid access token for authorization.' });
      record(401, 99991663);
    } else if (query.type !== 'file' && query.type !== 'image') {
      reply(response, 400, { code: 234001, msg: 'Invalid request param: type.' });
      record(400, 234001);
    } else if (!bytes) {
      reply(response, 400, { code: 234003, msg: 'File not in message.' });
      record(400, 234003);
    } else {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) });
      response.end(bytes);
      record(200, 0);
    }
    return true;
  }

  /** Tells the fake which chat an incoming message (from an event) belongs to. */
  noteIncoming(messageId: string, chatId: string): void {
    this.incomingChats.set(messageId, chatId);
  }

  private messageData(messageId: string): Json {
    const message = this.messages.get(messageId);
    return {
      message_id: messageId,
      chat_id: message?.chatId,
      msg_type: message?.msgType,
      create_time: String(message?.createdAt ?? Date.now()),
      ...(message?.parentId ? { parent_id: message.parentId, root_id: message.parentId } : {}),
    };
  }
}
