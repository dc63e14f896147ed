import { systemClock, type Clock } from '../../clock/index.js';
import { silentLogger, type Logger } from '../../log/index.js';
import { pauseBeforeRetry, type RetryOptions, type RetryPolicy } from '../../retry/index.js';
import { remainingMs, type AnswerModel, type ModelCall } from './answer-model.js';
import { ModelError } from './model-error.js';

/** Three attempts, 300 ms then 600 ms apart unless the endpoint says otherwise, each with at least 500 ms left. */
const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: Number.POSITIVE_INFINITY, minAttemptMs: 500 };

/**
 * Retries retryable failures (429 honouring Retry-After, 5xx, connection errors) within the
 * call's deadline. A stream is only retried before its first delta, so text is never repeated.
 */
export function withRetries(
  model: AnswerModel,
  logger: Logger = silentLogger,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  clock: Clock = systemClock,
): AnswerModel {
  const options = (call: ModelCall): RetryOptions<ModelError> => ({
    policy,
    clock,
    retries: ModelError,
    remainingMs: () => remainingMs(call),
    signal: call.signal,
    onRetry: (error, attempt, waitMs) => logger.info('answer.llm.retry', { attempt, waitMs, code: error.code, status: error.status }),
  });
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
          await pauseBeforeRetry(error, attempt, options(call));
        }
      }
    },
    async generate(call) {
      for (let attempt = 1; ; attempt += 1) {
        try {
          return await model.generate(call);
        } catch (error) {
          await pauseBeforeRetry(error, attempt, options(call));
        }
      }
    },
  };
}
