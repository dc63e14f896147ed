/** Why the PostgreSQL store cannot be used; the message says what to do. */
export class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  constructor(
    readonly code: 'unreachable' | 'migration-failed' | 'missing-extension',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
