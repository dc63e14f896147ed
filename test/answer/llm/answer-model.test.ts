// The AnswerModel contract, run against every implementation: the real `openai` client on the
// loopback fake endpoint, and the retry wrapper around it. Nothing of ours is mocked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAiModel, ModelError, withRetries, type AnswerModel, type ModelCall } from '../../../src/answer/llm/index.js';
import { startFakeOpenAiServer, text, type FakeOpenAiServer } from '../../support/fake-openai-server.js';

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
beforeEach(() => server.reset());
afterAll(() => server.close());

const openAi = (): AnswerModel =>
  createOpenAiModel({
    model: 'fake-chat',
    baseURL: server.url,
    apiKey: 'sk-test-0123456789abcdef',
    timeoutMs: 5000,
    temperature: 0,
    maxTokens: 200,
  });
const implementations: Array<{ name: string; make: () => AnswerModel }> = [
  { name: 'openai client', make: openAi },
  { name: 'with retries', make: () => withRetries(openAi()) },
];

function call(budgetMs = 3000, signal: AbortSignal = AbortSignal.timeout(budgetMs)): ModelCall {
  return { messages: [{ role: 'user', content: '问题' }], signal, deadline: performance.now() + budgetMs };
}

async function collect(stream: AsyncIterable<string>): Promise<string> {
  let whole = '';
  for await (const delta of stream) whole += delta;
  return whole;
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.each(implementations)('AnswerModel contract ($name)', ({ make }) => {
  it('names its model', () => {
    expect(make().modelId).toBe('fake-chat');
  });

  it('streams the reply as deltas that join to the whole text, and generates it whole', async () => {
    server.enqueue(text('南通计划打造10个左右众创社区[1]。', { chunkChars: 4 }), text('改写后的问题'));
    const model = make();
    expect(await collect(model.stream(call()))).toBe('南通计划打造10个左右众创社区[1]。');
    expect(await model.generate(call())).toBe('改写后的问题');
  });

  it('throws a ModelError with its code when the endpoint refuses, from stream and generate alike', async () => {
    server.enqueue({ kind: 'error', status: 400 }, { kind: 'error', status: 400 });
    const model = make();
    expect(await caught(collect(model.stream(call())))).toMatchObject({ name: 'ModelError', code: 'rejected', isRetryable: false });
    expect(await caught(model.generate(call()))).toBeInstanceOf(ModelError);
  });

  it('throws a ModelError, not a raw abort, when the caller cancels', async () => {
    server.enqueue({ kind: 'hang' });
    const controller = new AbortController();
    const pending = caught(make().generate(call(3000, controller.signal)));
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toMatchObject({ name: 'ModelError', code: 'aborted' });
  });

  it('throws a ModelError when the reply is not what the protocol says', async () => {
    server.enqueue({ kind: 'raw', body: 'not json at all', contentType: 'application/json' });
    expect(await caught(make().generate(call()))).toBeInstanceOf(ModelError);
  });
});
