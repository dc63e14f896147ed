import { createHash } from 'node:crypto';

/**
 * The `uuid` of our one reply to a message: derived from its message_id, so a re-delivered event (after
 * a restart, or with the in-process dedup bypassed) produces the same uuid and the platform refuses a
 * second reply within its one-hour window. At most 50 characters, as the API requires.
 */
export function replyUuid(messageId: string): string {
  return `pb-${createHash('sha256').update(`reply:${messageId}`).digest('hex').slice(0, 40)}`;
}
