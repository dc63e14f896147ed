import { z } from 'zod';
import type { Clock } from '../../clock/index.js';
import { codeFor, LarkError } from '../errors.js';
import type { Logger } from '../../log/index.js';
import { withRetry, type RetryPolicy } from '../../retry/index.js';
import type { OutboundLimiter } from './outbound-limiter.js';
import type { PlatformCall, PlatformRequest } from './sdk-request.js';

/** The transport, pacing and retry policy an OpenPlatform is built from (all injected). */
export interface OpenPlatformOptions {
  request: PlatformRequest;
  limiter: OutboundLimiter;
  retry: RetryPolicy;
  clock: Clock;
  logger: Logger;
}

/**
 * How one call is made. `idempotent`: a CardKit update whose retry may find it applied; `exempt`: a call
 * on a streaming card entity, which the platform does not count against the per-API limits; `optional`:
 * skipped when no rate-limit slot comes soon.
 */
interface CallOptions {
  chatId?: string;
  idempotent?: boolean;
  exempt?: boolean;
  optional?: boolean;
}

/** One paced, checked and retried Open Platform call: resolves with the body's `data`. */
export type PlatformCaller = (api: string, request: PlatformCall, extra?: CallOptions) => Promise<unknown>;

/** The longest an optional update (a partial answer) waits for a rate-limit slot before it is skipped. */
const OPTIONAL_WAIT_MS = 250;

/**
 * CardKit answers to a retry of an update the platform had already applied (the first answer was
 * lost): 200770 a repeated uuid, 300317 a sequence no longer above the card's. The docs do not say
 * which one a repeated uuid gets, so either one on a retry counts as done.
 */
const ALREADY_APPLIED_CODES: ReadonlySet<number> = new Set([200770, 300317]);

const envelopeSchema = z.object({ code: z.number(), msg: z.string().optional(), data: z.unknown().optional() });

/** The body of an answer as `schema` reads it; LarkError('invalid-response') when it does not fit. */
export function parseData<T>(schema: z.ZodType<T>, data: unknown, path: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new LarkError('invalid-response', `${path}: unexpected data`);
  return parsed.data;
}

/** Calls over `options.request`: a limiter slot, the request, the body `code` check, retried as a whole. */
export function platformCaller(options: OpenPlatformOptions): PlatformCaller {
  return (api, request, extra = {}) =>
    withRetry(
      async (attempt) => {
        const { chatId, idempotent, exempt, optional } = extra;
        const admitted = await options.limiter.acquire({ api, chatId, exempt, maxWaitMs: optional ? OPTIONAL_WAIT_MS : undefined });
        if (!admitted) return undefined;
        try {
          const envelope = envelopeSchema.safeParse(await options.request(request));
          if (!envelope.success) throw new LarkError('invalid-response', `${request.path}: response has no code`);
          const { code, msg, data } = envelope.data;
          if (code !== 0)
            throw new LarkError(codeFor(200, code), `${request.path}: code ${code} ${msg ?? ''}`.trim(), { platformCode: code });
          return data;
        } catch (error) {
          const code = error instanceof LarkError ? error.details.platformCode : undefined;
          // a retry of a CardKit update the platform had applied already: done, whichever way it says so
          if (idempotent && attempt > 1 && code !== undefined && ALREADY_APPLIED_CODES.has(code)) return undefined;
          throw error;
        }
      },
      {
        policy: options.retry,
        clock: options.clock,
        retries: LarkError,
        onRetry: (error, attempt, delayMs) =>
          options.logger.warn('lark.retry', {
            path: request.path,
            attempt,
            delayMs,
            code: error.code,
            platformCode: error.details.platformCode,
          }),
      },
    );
}
