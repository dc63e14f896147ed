/**
 * One idea of "seen" for every inbound event: an id is seen once a claim on it exists in the
 * DedupeStore (the file in DATA_DIR, or PostgreSQL shared by every instance). A claim is a lease while
 * the event is handled, then a done mark for the dedup TTL. Who claims differs only by what a lost
 * claim costs: a message (id "om_…") is claimed with its payload before the SDK sees it, so a dead
 * instance's question can be taken over (message-claims.ts); card actions and reactions are claimed
 * by the SDK Channel's own dedup through our cache (channel-cache.ts). The key formats are the ones
 * the stores already hold, so a restart after an upgrade still knows what it has seen.
 */
export const seenKey = {
  /** A message claimed before the Channel, with a lease another instance may take over. */
  message: (messageId: string): string => `message:${messageId}`,
  /** Any other event id the Channel deduplicates (card actions, reactions). */
  event: (eventId: string): string => `seen:${eventId}`,
};

/** Message ids: claimed before the Channel, so the Channel's own "seen?" passes them. */
export function isMessageId(id: string): boolean {
  return id.startsWith('om_');
}
