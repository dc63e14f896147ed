import type { AskResult } from './types.js';

/** One question as a channel hands it over. */
export interface AskRequest {
  question: string;
  /** Echoed back in the result (batch ids, Feishu message ids). */
  id?: string;
  /** Chat or thread the question belongs to: follow-ups are resolved within it. */
  conversationId?: string;
  /** Forces a mode; by default LLM when configured, extractive otherwise. */
  mode?: 'llm' | 'extractive';
  signal?: AbortSignal;
}

/** What a streaming answer emits: growing partial text, then the checked final result once. */
export type AskEvent = { type: 'partial'; text: string } | { type: 'final'; result: AskResult };

/** The answer layer's public face for channels (CLI, console chat, Feishu). */
export interface AnswerService {
  ask(request: AskRequest): Promise<AskResult>;
  /** Partial text as it is generated; the final event comes only after citation checking. */
  stream(request: AskRequest): AsyncIterable<AskEvent>;
}
