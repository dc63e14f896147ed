import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Metrics } from './metrics.js';

/** Metrics kept in a prom-client registry of their own, readable as Prometheus text. */
export interface PrometheusMetrics extends Metrics {
  readonly registry: Registry;
  /** The exposition text for `GET /metrics`. */
  text(): Promise<string>;
  readonly contentType: string;
}

/** Answer latency buckets in seconds: extractive answers take well under a second, LLM answers several. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60];

/**
 * `policybot_questions_total{channel,mode}`, `policybot_answer_seconds{channel,mode}`,
 * `policybot_refusals_total{channel}`, `policybot_feedback_total{vote}`, `policybot_reminders_sent_total`,
 * `policybot_errors_total{kind}`, and (unless `processMetrics: false`) Node's process metrics.
 */
export function createPrometheusMetrics(options: { processMetrics?: boolean; prefix?: string } = {}): PrometheusMetrics {
  const prefix = options.prefix ?? 'policybot_';
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix });
  const registers = [registry];
  const questions = new Counter({
    name: `${prefix}questions_total`,
    help: 'Questions answered (refusals and failures included)',
    labelNames: ['channel', 'mode'],
    registers,
  });
  const latency = new Histogram({
    name: `${prefix}answer_seconds`,
    help: 'Time from question to final answer card',
    labelNames: ['channel', 'mode'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const refusals = new Counter({
    name: `${prefix}refusals_total`,
    help: 'Questions the documents do not answer',
    labelNames: ['channel'],
    registers,
  });
  const feedback = new Counter({
    name: `${prefix}feedback_total`,
    help: 'Feedback clicks on answer cards',
    labelNames: ['vote'],
    registers,
  });
  const reminders = new Counter({
    name: `${prefix}reminders_sent_total`,
    help: 'Reminder and digest cards the platform accepted',
    registers,
  });
  const errors = new Counter({
    name: `${prefix}errors_total`,
    help: 'Failures that were logged and dropped, by kind',
    labelNames: ['kind'],
    registers,
  });
  // Every kind shows up as 0 from the start, so a rate() has a series before the first failure.
  for (const vote of ['up', 'down']) feedback.inc({ vote }, 0);
  for (const kind of ['answer', 'send', 'reply', 'task', 'channel', 'webhook', 'reminder_send', 'audit', 'card_action'])
    errors.inc({ kind }, 0);
  return {
    registry,
    contentType: registry.contentType,
    text: () => registry.metrics(),
    questionAnswered({ channel, mode, answerable, seconds }) {
      questions.inc({ channel, mode });
      latency.observe({ channel, mode }, seconds);
      if (!answerable && mode !== 'failed') refusals.inc({ channel });
    },
    feedback: (vote) => feedback.inc({ vote }),
    reminderSent: () => reminders.inc(),
    error: (kind) => errors.inc({ kind }),
  };
}
