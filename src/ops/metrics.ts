/** What an answered question is counted by. */
interface AnsweredQuestion {
  /** Where the question came from: `lark` (the bot), `cli` … */
  channel: string;
  /** How it was answered: `llm`, `extractive`, or `failed` (a failure card). */
  mode: string;
  /** false = a refusal (the documents do not answer it). */
  answerable: boolean;
  seconds: number;
}

/** Error kinds counted by `errors_total`: one per place where a failure is logged and dropped. */
type ErrorKind = 'answer' | 'send' | 'reply' | 'task' | 'channel' | 'webhook' | 'reminder_send' | 'audit' | 'card_action';

/**
 * The events the bot counts. Injected (default `noopMetrics`) rather than global, so tests and the CLI
 * count nothing unless they ask to.
 */
export interface Metrics {
  questionAnswered(question: AnsweredQuestion): void;
  feedback(vote: 'up' | 'down'): void;
  reminderSent(): void;
  error(kind: ErrorKind): void;
}

/** Counts nothing. */
export const noopMetrics: Metrics = {
  questionAnswered: () => undefined,
  feedback: () => undefined,
  reminderSent: () => undefined,
  error: () => undefined,
};
