import { z } from 'zod';
import type { PlatformRequest } from './sdk-request.js';

const chatSchema = z.object({ code: z.literal(0), data: z.object({ name: z.string().optional() }).optional() });

/** How long a looked-up name (or its absence) is remembered. */
const NAME_TTL_MS = 3600_000;
const MAX_NAMES = 5_000;

/**
 * A chat's name (GET /open-apis/im/v1/chats/:chat_id), for the admin console's lists; undefined when
 * it has none (private chats) or the bot cannot see it. Names are cached for an hour; never throws.
 */
export function chatNames(request: PlatformRequest, now: () => number): (chatId: string) => Promise<string | undefined> {
  const cache = new Map<string, { name: string | undefined; until: number }>();
  return async (chatId) => {
    const cached = cache.get(chatId);
    if (cached && cached.until > now()) return cached.name;
    let name: string | undefined;
    try {
      const parsed = chatSchema.safeParse(await request({ method: 'GET', path: `/open-apis/im/v1/chats/${encodeURIComponent(chatId)}` }));
      name = parsed.success && parsed.data.data?.name ? parsed.data.data.name : undefined;
    } catch {
      name = undefined;
    }
    if (cache.size >= MAX_NAMES) cache.delete(cache.keys().next().value ?? '');
    cache.set(chatId, { name, until: now() + NAME_TTL_MS });
    return name;
  };
}
