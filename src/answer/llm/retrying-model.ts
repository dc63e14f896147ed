import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger, type Logger } from '../../log/index.js';
import { remainingMs, type AnswerModel, type ModelCall } from './answer-model.js';
import { ModelError } from './model-error.js';

/** How retries are spent inside a call's time budget. */
export interface RetryPolicy {
  maxAttempts: number;
  /** First back-off when the endpoint gives no Retry-After; doubles per attempt. */
  baseDelayMs: number;
  /** Time an attempt needs at least; a wait that leaves less than this is not worth it. */
  minAttemptMs: number;
}

/** Three attempts, 300 ms then 600 ms apart unless the endpoint says otherwise. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 300, minAttemptMs: 500 };

/** How long to wait before the next attempt, or undefined when retrying is pointless or too late. */
export function retryDelay(error: unknown, attempt: number, call: ModelCall, policy: RetryPolicy): number | undefined {
  if (!(error instanceof ModelError) || !error.isRetryable || attempt >= policy.maxAttempts) return undefined;
  const wait = error.retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 1);
  return wait + policy.minAttemptMs <= remainingMs(call) ? wait : undefined;
}

/**
 * Retries retryable failures (429 honouring Retry-After, 5xx, connection errors) within the
 * call's deadline. A stream is only retried before its first delta, so text is never repeated.
 */
export function withRetries(model: AnswerModel, logger: Logger = silentLogger, policy: RetryPolicy = DEFAULT_RETRY_POLICY): AnswerModel {
  const pause = async (error: unknown, attempt: number, call: ModelCall): Promise<void> => {
    const wait = retryDelay(error, attempt, call, policy);
    if (wait === undefined || !(error instanceof ModelError)) throw error;
    logger.info('answer.llm.retry', { attempt, waitMs: Math.round(wait), code: error.code, status: error.status });
    try {
      await sleep(wait, undefined, { signal: call.signal });
    } catch {
      throw error;
    }
  };
  return {
    modelId: model.modelId,
    async *stream(call) {
      for (let attempt = 1; ; attempt += 1) {
        let started = false;
        try {
          for await (const delta of model.stream(call)) {
            started = true;
            yield delta;
          }
          return;
        } catch (error) {
          if (started) throw error;
          await pause(error, attempt, call);
        }
      }
    },
    async generate(call) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await model.generate(call);
        } catch (error) {
          await pause(error, attempt, call);
        }
      }
    },
  };
}
