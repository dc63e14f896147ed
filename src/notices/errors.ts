/** What can go wrong in the notices layer: a stored state that does not parse, a setting that is invalid. */
type NoticesErrorCode = 'state-invalid' | 'settings-invalid';

/** The notices layer's one error type; the channel edge turns it into Chinese. */
export class NoticesError extends Error {
  override readonly name = 'NoticesError';

  constructor(
    readonly code: NoticesErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
