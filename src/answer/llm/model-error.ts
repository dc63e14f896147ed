/** Why a model call failed; closed so fallback notes and retries can switch on it. */
export type ModelErrorCode =
  'timeout' | 'connection' | 'rate-limited' | 'server' | 'rejected' | 'malformed-output' | 'empty-output' | 'aborted';

/** The data a ModelError carries besides its code. */
interface ModelErrorDetails {
  /** HTTP status when the endpoint answered with an error. */
  status?: number | undefined;
  /** Whether the same call may succeed if tried again. */
  isRetryable?: boolean;
  /** How long the endpoint asked us to wait (Retry-After), in milliseconds. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** The model adapter's error type: data for retry code and logs, never shown to users as is. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  readonly status: number | undefined;
  readonly isRetryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    details: ModelErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.isRetryable = details.isRetryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

const SECRET_SHAPES = [/\b(?:sk|ak|pk|key|token)-[\w-]{6,}/gi, /\bBearer\s+\S+/gi];

/** Removes secrets (the API key and anything shaped like one) from text bound for logs. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let clean = text;
  for (const secret of secrets) if (secret.length >= 4) clean = clean.split(secret).join('[redacted]');
  for (const shape of SECRET_SHAPES) clean = clean.replace(shape, '[redacted]');
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

/** Log fields of a failure: code, status and a scrubbed message, never the request or key. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (error instanceof ModelError) {
    return { code: error.code, status: error.status, reason: error.message };
  }
  return { code: 'unexpected', reason: scrubSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error)) };
}
