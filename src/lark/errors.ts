/** Why a call to the Open Platform failed; a closed set so retry and wording code can switch on it. */
type LarkErrorCode = 'rate-limited' | 'server-error' | 'network' | 'thread-unsupported' | 'rejected' | 'invalid-response';

const RETRYABLE: ReadonlySet<LarkErrorCode> = new Set(['rate-limited', 'server-error', 'network']);

/** Platform codes that mean "too many requests" whatever the HTTP status says. */
const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([230020, 11232, 99991400]);
/**
 * Replies that cannot go in a thread, so the reply goes to the chat instead: 230071 "The group to which
 * the message belongs does not support reply in thread", 230072 "Aggregated messages do not support
 * reply in thread".
 */
const THREAD_UNSUPPORTED_CODES: ReadonlySet<number> = new Set([230071, 230072]);

/** The lark layer's error type: carries what retry code needs (`isRetryable`, `retryAfterMs`). */
export class LarkError extends Error {
  override readonly name = 'LarkError';
  readonly isRetryable: boolean;

  constructor(
    readonly code: LarkErrorCode,
    message: string,
    readonly details: {
      platformCode?: number | undefined;
      httpStatus?: number | undefined;
      retryAfterMs?: number | undefined;
      cause?: unknown;
    } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.isRetryable = RETRYABLE.has(code);
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

/** Classifies a platform answer (HTTP status plus body `code`) into a LarkError code. */
export function codeFor(httpStatus: number | undefined, platformCode: number | undefined): LarkErrorCode {
  if (platformCode !== undefined && RATE_LIMIT_CODES.has(platformCode)) return 'rate-limited';
  if (platformCode !== undefined && THREAD_UNSUPPORTED_CODES.has(platformCode)) return 'thread-unsupported';
  if (httpStatus === 429) return 'rate-limited';
  if (httpStatus !== undefined && httpStatus >= 500) return 'server-error';
  return 'rejected';
}
