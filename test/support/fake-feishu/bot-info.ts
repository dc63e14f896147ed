// The bot's identity (GET bot/v3/info) and the long-connection endpoint the SDK asks first (answered
// with a ws:// URL when the fake was started with `longConnection`, see ws-server.ts).
import type { Json, Route } from './router.js';

/** bot/v3/info and callback/ws/endpoint. */
export function botRoutes(identity: { openId: () => string; name: () => string }, wsEndpoint: () => Json | undefined): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/open-apis\/bot\/v3\/info$/,
      handle: (_request, respond) =>
        respond(200, { code: 0, msg: 'ok', bot: { open_id: identity.openId(), app_name: identity.name(), activate_status: 2 } }),
    },
    {
      method: 'POST',
      path: /^\/callback\/ws\/endpoint$/,
      public: true,
      handle: (_request, respond) => respond(200, wsEndpoint() ?? { code: 1, msg: 'the fake has no long connection' }),
    },
  ];
}
