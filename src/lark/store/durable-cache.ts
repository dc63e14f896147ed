import type { Cache } from '@larksuiteoapi/node-sdk';
import type { Clock } from '../clock.js';
import type { FileStore } from './file-store.js';

/** The SDK types its keys as strings or Symbols (the tenant-token key is a Symbol). */
type CacheKey = Parameters<Cache['get']>[0];

/** The SDK's message dedup namespace (SeenCache's default): the one worth keeping across restarts. */
export const SEEN_NAMESPACE = 'channel:seen';

/**
 * The `cache` handed to the SDK: dedup keys go to the durable file store so a restart does not answer a
 * re-delivered message twice; everything else (tenant tokens, app tickets) stays in memory, bounded,
 * and never touches disk. `expire` is the SDK's absolute expiry in ms, not a TTL.
 */
export function createDurableCache(options: {
  store: FileStore<string>;
  persistentNamespaces?: string[];
  clock: Clock;
  maxMemoryEntries?: number;
}): Cache {
  const persistent = new Set(options.persistentNamespaces ?? [SEEN_NAMESPACE]);
  const memory = new Map<string, { value: unknown; expiresAt: number }>();
  const maxMemory = options.maxMemoryEntries ?? 10_000;
  const keyOf = (key: CacheKey, namespace = ''): string => `${namespace}\u0000${String(key)}`;

  return {
    async set(key: CacheKey, value: unknown, expire?: number, settings?: { namespace?: string }) {
      const namespace = settings?.namespace;
      const expiresAt = expire ?? Number.POSITIVE_INFINITY;
      if (namespace !== undefined && persistent.has(namespace) && typeof value === 'string' && Number.isFinite(expiresAt)) {
        await options.store.set(keyOf(key, namespace), value, expiresAt);
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
      if (namespace !== undefined && persistent.has(namespace)) return options.store.get(keyOf(key, namespace));
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
