/** One chat message sent to the model. */
export interface ModelMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** One model call: what to send and how long it may take. */
export interface ModelCall {
  messages: ModelMessage[];
  /** Aborts the call: the caller's cancel and the question's time budget combined. */
  signal: AbortSignal;
  /** `performance.now()` by which the call must be over; retries never wait past it. */
  deadline: number;
}

/**
 * The chat model as the answer layer sees it (Vercel AI SDK habit): a small interface that the
 * OpenAI-compatible client, the retry wrapper and test fakes all implement.
 */
export interface AnswerModel {
  /** The model name reported in `AskResult.model`. */
  readonly modelId: string;
  /** Streams the reply as text deltas; failures are thrown as `ModelError`. */
  stream(call: ModelCall): AsyncIterable<string>;
  /** The whole reply at once (query rewriting); failures are thrown as `ModelError`. */
  generate(call: ModelCall): Promise<string>;
}

/** Milliseconds left before a call's deadline (never negative). */
export function remainingMs(call: Pick<ModelCall, 'deadline'>): number {
  return Math.max(0, call.deadline - performance.now());
}
