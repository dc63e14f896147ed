/** Why a source file could not be read into text. */
type IngestErrorCode = 'unsupported-type' | 'type-mismatch' | 'binary-content' | 'unreadable';

/** The ingest layer's one error type: the loader names the file, `code` says what went wrong. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
