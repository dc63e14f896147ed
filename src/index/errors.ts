/** Why the knowledge index cannot be used. */
type IndexErrorCode = 'not-found' | 'corrupt' | 'model-mismatch' | 'build-failed' | 'busy';

/** The index layer's one error type; the channel edge turns `code` into a message for people. */
export class IndexError extends Error {
  override readonly name = 'IndexError';
  constructor(
    readonly code: IndexErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** No built index where INDEX_DIR points. */
export class IndexNotFoundError extends IndexError {
  constructor(readonly indexDir: string) {
    super('not-found', `No knowledge index in ${indexDir}. Build it with \`npm run -s cli -- index\`.`);
  }
}
