import { createHash } from 'node:crypto';

/** What one send is about: an entry's occurrence (with its offset) to one chat. Digests use entry `#digest`. */
export interface DeliveryKey {
  entry: string;
  occurrence: string;
  chat: string;
}

/** The entry id digests are logged under (calendar ids cannot start with #). */
export const DIGEST_ENTRY = '#digest';

/** The key as one string (map keys, log grouping). */
export function keyString(key: DeliveryKey): string {
  return `${key.entry}|${key.occurrence}|${key.chat}`;
}

/**
 * The message `uuid` of a send, derived from its key only: a retry or a resend after a crash carries
 * the same uuid, so the platform refuses a second post (Feishu keeps uuids for one hour; at most 50
 * characters).
 */
export function deliveryUuid(key: DeliveryKey): string {
  return `rm-${createHash('sha256').update(keyString(key)).digest('hex').slice(0, 40)}`;
}
