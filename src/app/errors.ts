/** Why the bot could not start; the entry point turns each into its message. */
type AppErrorCode = 'calendar-invalid' | 'feishu-unreachable';

/** A start-up failure of the app, with the underlying error as `cause`. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}
