import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';

const chatBody = z.object({
  model: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
  stream: z.boolean().optional(),
  temperature: z.number().optional(),
  max_tokens: z.number().optional(),
});

/** A chat.completions request as the fake server received it. */
export interface FakeChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream: boolean;
  temperature: number | undefined;
  maxTokens: number | undefined;
  authorization: string | undefined;
}

/** What the fake server answers one request with. */
export type FakeReply =
  /** Assistant text, streamed as SSE chunks when the request asks for a stream. */
  | { kind: 'text'; text: string; chunkChars?: number; delayMs?: number; chunkDelayMs?: number; stallAfterChunks?: number }
  /** An HTTP error with an OpenAI-style error body. */
  | { kind: 'error'; status: number; message?: string; headers?: Record<string, string> }
  /** Any body at all (garbled output). */
  | { kind: 'raw'; body: string; contentType?: string }
  /** Never answers: the client has to time out. */
  | { kind: 'hang' };

/** Decides the reply to a request (its index counts every request served). */
export type FakeHandler = (request: FakeChatRequest, index: number) => FakeReply;

/** A loopback OpenAI-compatible endpoint (real HTTP on 127.0.0.1) that records its requests. */
export interface FakeOpenAiServer {
  /** Base URL for the `openai` client, ending in /v1. */
  readonly url: string;
  readonly requests: FakeChatRequest[];
  /** Replies to every request not served by a queued reply. */
  handle(handler: FakeHandler): void;
  /** One-shot replies, used in order before the handler. */
  enqueue(...replies: FakeReply[]): void;
  /** Forgets recorded requests and queued replies, and restores the default handler. */
  reset(): void;
  close(): Promise<void>;
}

/** A text reply. */
export function text(content: string, options: Omit<Extract<FakeReply, { kind: 'text' }>, 'kind' | 'text'> = {}): FakeReply {
  return { kind: 'text', text: content, ...options };
}

/** The user message of a recorded request (where passages and the question are). */
export function userPrompt(request: FakeChatRequest): string {
  return request.messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n');
}

/** The system message of a recorded request. */
export function systemPromptOf(request: FakeChatRequest): string {
  return request.messages
    .filter((message) => message.role === 'system')
    .map((message) => message.content)
    .join('\n');
}

/** The text of passage [n] as the answer prompt lists it (`[n] 《title》 › section` then the text). */
export function passageText(request: FakeChatRequest, number: number): string | undefined {
  return new RegExp(`^\\[${number}\\] 《[^\\n]*\\n([^]*?)(?=\\n\\n\\[\\d+\\] 《|\\n\\n文件信息：|\\n\\n【问题】|$)`, 'm').exec(
    userPrompt(request),
  )?.[1];
}

/** A well-behaved model: quotes the first sentence of passage [1] with its marker; repeats rewrite questions. */
export const groundedEcho: FakeHandler = (request) => {
  const rewrite = /【新问题】\n([^\n]+)/.exec(userPrompt(request));
  if (rewrite?.[1]) return text(rewrite[1]);
  const first = passageText(request, 1)?.match(/[^。！？；\n]+[。！？；]?/)?.[0];
  return text(first ? `${first.replace(/[。！？；]$/, '')}[1]。` : '【文件未涉及】');
};

function chunk(model: string, delta: Record<string, string>, finish: string | null): string {
  const body = {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_700_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function pieces(content: string, size: number): string[] {
  const characters = [...content];
  const result: string[] = [];
  for (let index = 0; index < characters.length; index += size) result.push(characters.slice(index, index + size).join(''));
  return result;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(String(part)));
  return Buffer.concat(parts).toString('utf8');
}

/** Starts the fake endpoint on 127.0.0.1 and a free port. */
export async function startFakeOpenAiServer(initial: FakeHandler = groundedEcho): Promise<FakeOpenAiServer> {
  const requests: FakeChatRequest[] = [];
  const queue: FakeReply[] = [];
  let handler = initial;
  const wait = (milliseconds: number, response: ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      if (milliseconds <= 0) return resolve(!response.destroyed);
      // the close listener goes when the wait ends: a streamed reply waits once per chunk on one response
      const onClose = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        response.off('close', onClose);
        resolve(!response.destroyed);
      }, milliseconds);
      response.once('close', onClose);
    });
  const server = createServer(async (request, response) => {
    if (request.method !== 'POST' || !request.url?.endsWith('/chat/completions')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    const body = chatBody.parse(JSON.parse(await readBody(request)));
    const recorded: FakeChatRequest = {
      model: body.model,
      messages: body.messages,
      stream: body.stream ?? false,
      temperature: body.temperature,
      maxTokens: body.max_tokens,
      authorization: request.headers.authorization,
    };
    requests.push(recorded);
    const reply = queue.shift() ?? handler(recorded, requests.length - 1);
    if (reply.kind === 'hang') return;
    if (reply.kind === 'error') {
      const error = { error: { message: reply.message ?? `fake error ${reply.status}`, type: 'fake_error', code: null } };
      response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(JSON.stringify(error));
      return;
    }
    if (reply.kind === 'raw') {
      response
        .writeHead(200, { 'content-type': reply.contentType ?? (recorded.stream ? 'text/event-stream' : 'application/json') })
        .end(reply.body);
      return;
    }
    if (!(await wait(reply.delayMs ?? 0, response))) return;
    if (!recorded.stream) {
      const completion = {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: reply.text }, finish_reason: 'stop' }],
      };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(completion));
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    response.write(chunk(body.model, { role: 'assistant', content: '' }, null));
    let sent = 0;
    for (const piece of pieces(reply.text, reply.chunkChars ?? 4)) {
      if (reply.stallAfterChunks !== undefined && sent >= reply.stallAfterChunks) return;
      if (!(await wait(reply.chunkDelayMs ?? 0, response))) return;
      response.write(chunk(body.model, { content: piece }, null));
      sent += 1;
    }
    response.end(`${chunk(body.model, {}, 'stop')}data: [DONE]\n\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    handle(next) {
      handler = next;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    reset() {
      requests.length = 0;
      queue.length = 0;
      handler = initial;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
