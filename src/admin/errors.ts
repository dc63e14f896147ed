/** Why an admin action on the documents was refused or failed. */
type AdminErrorCode = 'too-large' | 'empty-file' | 'unsupported-type' | 'type-mismatch' | 'unsafe-name' | 'not-found' | 'busy';

/** The admin layer's one error type; the channel edge turns `code` into a Chinese sentence. */
export class AdminError extends Error {
  override readonly name = 'AdminError';
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(message);
  }
}
