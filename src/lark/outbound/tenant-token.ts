import { CTenantAccessToken, type Client } from '@larksuiteoapi/node-sdk';

/**
 * Body codes of a refused tenant token: 99991663 invalid (expired, or revoked by a reset app secret),
 * 99991661 missing. The SDK keeps its token until the expiry it was told, up to two hours, so a
 * revoked one would fail every call until then: the caller drops it and tries once more.
 */
export const TOKEN_REFUSED_CODES: ReadonlySet<number> = new Set([99991661, 99991663]);

/**
 * Forgets the SDK client's cached tenant token, so the next call fetches a new one. The token lives in
 * the client's `cache` (ours for the Channel, the SDK's shared one otherwise) under CTenantAccessToken,
 * namespaced by app id; an expiry in the past (1 ms after the epoch) empties it in either cache.
 */
export async function dropTenantToken(client: Client): Promise<void> {
  const cache: unknown = Reflect.get(client, 'cache');
  const appId: unknown = Reflect.get(client, 'appId');
  if (typeof cache !== 'object' || cache === null || typeof appId !== 'string') return;
  const set: unknown = Reflect.get(cache, 'set');
  if (typeof set !== 'function') return;
  await Promise.resolve(set.call(cache, CTenantAccessToken, '', 1, { namespace: appId }));
}
