import OpenAI from 'openai';
import { z } from 'zod';
import { systemClock, type Clock } from '../../clock/index.js';
import { remainingMs, type AnswerModel, type ModelCall } from './answer-model.js';
import { ModelError, scrubSecrets } from './model-error.js';

/** How to reach an OpenAI-compatible chat endpoint (DeepSeek, DashScope, OpenAI, vLLM, Ollama). */
interface OpenAiModelConfig {
  model: string;
  baseURL?: string | undefined;
  /** Local servers need none; a placeholder is sent then. */
  apiKey?: string | undefined;
  timeoutMs: number;
  temperature: number;
  maxTokens: number;
  /** Injected transport, for tests and proxies. */
  fetch?: typeof fetch | undefined;
  /** Reads a Retry-After given as an HTTP date; the system clock unless a test injects one. */
  clock?: Clock;
}

// Zod at the edge: whatever the endpoint sends is checked before we read it.
const chunkSchema = z.object({
  choices: z.array(
    z.object({
      delta: z.object({ content: z.string().nullish() }).nullish(),
      finish_reason: z.string().nullish(),
    }),
  ),
});
const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }), finish_reason: z.string().nullish() })).min(1),
});

/** Parses Retry-After (seconds or an HTTP date) and the non-standard retry-after-ms header. */
function retryAfterMs(headers: Headers | undefined, now: number): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number.parseFloat(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Maps whatever the client threw to a ModelError, without secrets in the message. */
function toModelError(error: unknown, call: ModelCall, secrets: readonly string[], clock: Clock = systemClock): ModelError {
  if (error instanceof ModelError) return error;
  const message = scrubSecrets(error instanceof Error ? error.message : String(error), secrets);
  const timedOut = call.signal.aborted && call.signal.reason instanceof DOMException && call.signal.reason.name === 'TimeoutError';
  if (error instanceof OpenAI.APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return new ModelError(timedOut || !call.signal.aborted ? 'timeout' : 'aborted', 'model call aborted', { cause: error });
  }
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new ModelError('timeout', 'model call timed out', { cause: error });
  if (error instanceof OpenAI.APIConnectionError) return new ModelError('connection', message, { isRetryable: true, cause: error });
  if (error instanceof OpenAI.APIError) {
    const status = error.status;
    const wait = retryAfterMs(error.headers, clock.now());
    const details = { status, retryAfterMs: wait, cause: error };
    if (status === 429) return new ModelError('rate-limited', message, { ...details, isRetryable: true });
    if (status === undefined || status >= 500) return new ModelError('server', message, { ...details, isRetryable: status !== undefined });
    return new ModelError('rejected', message, { ...details, isRetryable: status === 408 || status === 409 });
  }
  // Anything else came from reading the reply: unparsable SSE data, a shape zod rejected.
  return new ModelError('malformed-output', message, { cause: error });
}

/** An AnswerModel over the official `openai` client; retries are left to `withRetries`. */
export function createOpenAiModel(config: OpenAiModelConfig): AnswerModel {
  const client = new OpenAI({
    apiKey: config.apiKey ?? 'not-needed',
    // an empty one means the client's default (OPENAI_BASE_URL, else OpenAI), as an absent one does
    baseURL: config.baseURL || undefined,
    timeout: config.timeoutMs,
    maxRetries: 0,
    logLevel: 'off',
    fetch: config.fetch,
  });
  const secrets = config.apiKey ? [config.apiKey] : [];
  const clock = config.clock ?? systemClock;
  const body = (call: ModelCall) => ({
    model: config.model,
    messages: call.messages,
    temperature: config.temperature,
    max_tokens: config.maxTokens,
  });
  const options = (call: ModelCall) => ({ signal: call.signal, timeout: Math.max(1, Math.round(remainingMs(call))) });
  return {
    modelId: config.model,
    async *stream(call) {
      try {
        const stream = await client.chat.completions.create({ ...body(call), stream: true }, options(call));
        for await (const raw of stream) {
          for (const choice of chunkSchema.parse(raw).choices) {
            if (choice.finish_reason === 'content_filter') throw new ModelError('malformed-output', 'reply stopped by the content filter');
            if (choice.delta?.content) yield choice.delta.content;
          }
        }
        // The client ends a stream quietly when its signal aborts: a cut-off reply is a timeout.
        if (call.signal.aborted) throw new OpenAI.APIUserAbortError();
      } catch (error) {
        throw toModelError(error, call, secrets, clock);
      }
    },
    async generate(call) {
      try {
        const completion = completionSchema.parse(await client.chat.completions.create(body(call), options(call)));
        return completion.choices[0]?.message.content ?? '';
      } catch (error) {
        throw toModelError(error, call, secrets, clock);
      }
    },
  };
}
