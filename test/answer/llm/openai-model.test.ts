import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiModel, ModelError, withRetries, type AnswerModel, type ModelCall } from '../../../src/answer/llm/index.js';
import { createLogger } from '../../../src/log/index.js';
import { startFakeOpenAiServer, text, type FakeOpenAiServer } from '../../support/fake-openai-server.js';

const API_KEY = 'sk-test-0123456789abcdef';
let server: FakeOpenAiServer;

function model(overrides: { baseURL?: string } = {}): AnswerModel {
  return createOpenAiModel({
    model: 'fake-chat',
    baseURL: overrides.baseURL ?? server.url,
    apiKey: API_KEY,
    timeoutMs: 5000,
    temperature: 0.2,
    maxTokens: 321,
  });
}

function call(budgetMs = 3000): ModelCall {
  return {
    messages: [
      { role: 'system', content: '规则' },
      { role: 'user', content: '问题' },
    ],
    signal: AbortSignal.timeout(budgetMs),
    deadline: performance.now() + budgetMs,
  };
}

async function collect(stream: AsyncIterable<string>): Promise<string[]> {
  const deltas: string[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

async function failure(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ModelError)) throw new Error(`expected a ModelError, got ${String(error)}`);
  return error;
}

beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

describe('the OpenAI-compatible model through the real openai client', () => {
  it('streams SSE chunks as deltas and sends model, messages, temperature, max tokens and the key', async () => {
    server.enqueue(text('南通计划打造10个左右众创社区[1]。', { chunkChars: 3 }));
    const deltas = await collect(model().stream(call()));
    expect(deltas.length).toBeGreaterThan(3);
    expect(deltas.join('')).toBe('南通计划打造10个左右众创社区[1]。');
    const [request] = server.requests;
    expect(request).toMatchObject({
      model: 'fake-chat',
      stream: true,
      temperature: 0.2,
      maxTokens: 321,
      authorization: `Bearer ${API_KEY}`,
    });
    expect(request?.messages).toEqual([
      { role: 'system', content: '规则' },
      { role: 'user', content: '问题' },
    ]);
  });

  it('returns a whole completion without streaming', async () => {
    server.enqueue(text('南浔今年计划引进多少青年人才？'));
    expect(await model().generate(call())).toBe('南浔今年计划引进多少青年人才？');
    expect(server.requests[0]?.stream).toBe(false);
  });

  it('maps HTTP errors: 500 is retryable, 429 carries Retry-After, 400 is not retryable', async () => {
    server.enqueue(
      { kind: 'error', status: 500 },
      { kind: 'error', status: 429, headers: { 'retry-after': '2' } },
      { kind: 'error', status: 400 },
    );
    expect(await failure(collect(model().stream(call())))).toMatchObject({ code: 'server', status: 500, isRetryable: true });
    expect(await failure(collect(model().stream(call())))).toMatchObject({
      code: 'rate-limited',
      status: 429,
      isRetryable: true,
      retryAfterMs: 2000,
    });
    expect(await failure(model().generate(call()))).toMatchObject({ code: 'rejected', status: 400, isRetryable: false });
  });

  it('keeps the API key out of error messages, even when the endpoint echoes it', async () => {
    server.enqueue({ kind: 'error', status: 401, message: `Incorrect API key provided: ${API_KEY}` });
    const error = await failure(model().generate(call()));
    expect(error.code).toBe('rejected');
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).toContain('[redacted]');
  });

  it('times out within the budget when the endpoint never answers, and when a stream stalls', async () => {
    server.enqueue({ kind: 'hang' });
    let started = performance.now();
    expect(await failure(collect(model().stream(call(300))))).toMatchObject({ code: 'timeout' });
    expect(performance.now() - started).toBeLessThan(1500);
    server.enqueue(text('到2020年底打造10个左右众创社区[1]。', { chunkChars: 2, stallAfterChunks: 2 }));
    started = performance.now();
    const deltas: string[] = [];
    const error = await failure(
      (async () => {
        for await (const delta of model().stream(call(300))) deltas.push(delta);
      })(),
    );
    expect(error.code).toBe('timeout');
    expect(deltas).toEqual(['到2', '02']);
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('reports garbled SSE data and replies of the wrong shape as malformed output', async () => {
    server.enqueue({ kind: 'raw', body: 'data: {"choices": [{"delta": {"content": "南通"\n\ndata: ###\n\n' });
    expect(await failure(collect(model().stream(call())))).toMatchObject({ code: 'malformed-output' });
    server.enqueue({ kind: 'raw', body: 'data: {"choices": "none"}\n\ndata: [DONE]\n\n' });
    expect(await failure(collect(model().stream(call())))).toMatchObject({ code: 'malformed-output' });
    server.enqueue({ kind: 'raw', body: '{"id": "x", "choices": []}' });
    expect(await failure(model().generate(call()))).toMatchObject({ code: 'malformed-output' });
  });

  it('reports a refused connection as a retryable connection error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await new Promise((resolve) => closed.close(resolve));
    expect(await failure(model({ baseURL: `http://127.0.0.1:${port}/v1` }).generate(call()))).toMatchObject({
      code: 'connection',
      isRetryable: true,
    });
  });
});

describe('retries within the time budget', () => {
  it('waits as long as Retry-After asks when the budget allows, then streams the answer', async () => {
    const lines: string[] = [];
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after-ms': '150' } }, text('好的[1]。'));
    const started = performance.now();
    const deltas = await collect(
      withRetries(
        model(),
        createLogger('info', (line) => lines.push(line)),
      ).stream(call()),
    );
    expect(deltas.join('')).toBe('好的[1]。');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.requests).toHaveLength(2);
    expect(lines.join('')).toContain('"event":"answer.llm.retry"');
  });

  it('gives up at once when Retry-After is beyond the budget', async () => {
    server.enqueue({ kind: 'error', status: 429, headers: { 'retry-after': '30' } });
    const started = performance.now();
    expect(await failure(collect(withRetries(model()).stream(call(2000))))).toMatchObject({ code: 'rate-limited' });
    expect(performance.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });

  it('retries server errors with back-off, at most three attempts', async () => {
    server.handle(() => ({ kind: 'error', status: 503 }));
    expect(await failure(withRetries(model()).generate(call(5000)))).toMatchObject({ code: 'server', status: 503 });
    expect(server.requests).toHaveLength(3);
  });

  it('never retries a stream that already produced text', async () => {
    server.enqueue(text('部分回答', { chunkChars: 2, stallAfterChunks: 1 }));
    const deltas: string[] = [];
    await failure(
      (async () => {
        for await (const delta of withRetries(model()).stream(call(400))) deltas.push(delta);
      })(),
    );
    expect(deltas).toEqual(['部分']);
    expect(server.requests).toHaveLength(1);
  });
});
