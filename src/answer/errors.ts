/** Why a question could not be answered at all (as opposed to an honest refusal). */
type AnswerErrorCode = 'empty-question' | 'model-failed';

/** The answer layer's error type; the channel edge turns `code` into Chinese for people. */
export class AnswerError extends Error {
  override readonly name = 'AnswerError';
  constructor(
    readonly code: AnswerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
