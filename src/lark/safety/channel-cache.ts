import type { Cache } from '@larksuiteoapi/node-sdk';
import type { Clock } from '../../clock/index.js';
import type { DedupeStore } from '../store/dedupe-store.js';
import { isMessageId, seenKey } from './seen.js';

/** The SDK types its keys as strings or Symbols (the tenant-token key is a Symbol). */
type CacheKey = Parameters<Cache['get']>[0];

/** The SDK's dedup namespace (SeenCache's default): messages, card actions and reactions already handled. */
export const SEEN_NAMESPACE = 'channel:seen';

/**
 * The `cache` handed to the SDK's Channel. Its dedup of card actions and reactions sits on our
 * DedupeStore (the file in DATA_DIR, or PostgreSQL shared by every instance): the Channel's "seen?" is
 * a claim, so of two deliveries of one card action to two instances exactly one goes on, and its "seen"
 * after handling completes the claim for the SDK's TTL. Messages (ids "om_…") are claimed before they
 * reach the Channel (message-claims.ts; seen.ts says why there are two claimers), with a lease a dead instance's question is taken over from;
 * the SDK marks a message seen as soon as its handler returns, before the answer is sent, so a second
 * mark for them would stop that takeover: they pass. Everything else (tenant tokens, app tickets) stays
 * in memory, bounded, and never touches disk. `expire` is the SDK's absolute expiry in ms, not a TTL.
 */
export function createChannelCache(options: { dedupe: DedupeStore; seenLeaseMs: number; clock: Clock; maxMemoryEntries?: number }): Cache {
  const memory = new Map<string, { value: unknown; expiresAt: number }>();
  const maxMemory = options.maxMemoryEntries ?? 10_000;
  const keyOf = (key: CacheKey, namespace = ''): string => `${namespace}\u0000${String(key)}`;

  return {
    async set(key: CacheKey, value: unknown, expire?: number, settings?: { namespace?: string }) {
      const namespace = settings?.namespace;
      const expiresAt = expire ?? Number.POSITIVE_INFINITY;
      if (namespace === SEEN_NAMESPACE && isMessageId(String(key))) return true;
      if (namespace === SEEN_NAMESPACE && Number.isFinite(expiresAt)) {
        await options.dedupe.complete(seenKey.event(String(key)), Math.max(1, expiresAt - options.clock.now()));
        return true;
      }
      memory.delete(keyOf(key, namespace));
      memory.set(keyOf(key, namespace), { value, expiresAt });
      for (const oldest of memory.keys()) {
        if (memory.size <= maxMemory) break;
        memory.delete(oldest);
      }
      return true;
    },
    async get(key: CacheKey, settings?: { namespace?: string }) {
      const namespace = settings?.namespace;
      if (namespace === SEEN_NAMESPACE && isMessageId(String(key))) return undefined;
      // not seen, and now claimed by this instance: the SDK goes on and reports it seen when done
      if (namespace === SEEN_NAMESPACE)
        return (await options.dedupe.claim(seenKey.event(String(key)), options.seenLeaseMs)) ? undefined : '1';
      const entry = memory.get(keyOf(key, namespace));
      if (!entry) return undefined;
      if (entry.expiresAt <= options.clock.now()) {
        memory.delete(keyOf(key, namespace));
        return undefined;
      }
      return entry.value;
    },
  };
}
