import type { CardJson } from '../../cards/index.js';

/** Why a send failed; the channel's implementation maps platform answers onto these. */
export type SendErrorCode = 'rate-limited' | 'server-error' | 'network' | 'rejected' | 'chat-unavailable' | 'invalid-response';

const RETRYABLE: ReadonlySet<SendErrorCode> = new Set(['rate-limited', 'server-error', 'network', 'invalid-response']);

/** A failed send: retry code reads only `isRetryable`. */
export class SendError extends Error {
  override readonly name = 'SendError';
  readonly isRetryable: boolean;

  constructor(
    readonly code: SendErrorCode,
    message: string,
    readonly details: { platformCode?: number | undefined; httpStatus?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.isRetryable = RETRYABLE.has(code);
  }
}

/** The platform confirmed the message (body `code` 0 and a message id), or it did not. */
export type SendResult = { ok: true; messageId: string } | { ok: false; error: SendError };

/**
 * Posts a card to a chat. An implementation judges success by the API response's `code` and the
 * returned message id (not the HTTP status) and passes `uuid` through so the platform refuses a
 * duplicate. It may return `{ ok: false }` or throw; anything thrown that is not a SendError counts as
 * a retryable network error.
 */
export interface Sender {
  send(chatId: string, card: CardJson, uuid: string): Promise<SendResult>;
}

/** Normalises whatever a Sender did into a result the scheduler can log. */
export async function sendSafely(sender: Sender, chatId: string, card: CardJson, uuid: string): Promise<SendResult> {
  try {
    const result = await sender.send(chatId, card, uuid);
    if (result.ok && result.messageId === '')
      return { ok: false, error: new SendError('invalid-response', 'the platform returned no message id') };
    return result;
  } catch (error) {
    if (error instanceof SendError) return { ok: false, error };
    return { ok: false, error: new SendError('network', error instanceof Error ? error.message : String(error), { cause: error }) };
  }
}

/** A Sender that prints cards instead of posting them (`--dry-run`, no Feishu credentials). */
export function printingSender(write: (text: string) => void): Sender {
  return {
    async send(chatId, card, uuid) {
      write(`${JSON.stringify({ chatId, uuid, card }, null, 2)}\n`);
      return { ok: true, messageId: `dry-run-${uuid}` };
    },
  };
}
