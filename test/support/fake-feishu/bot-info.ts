// The bot's identity (GET bot/v3/info) and the long-connection endpoint the SDK asks first (the fake
// has no WebSocket of its own here: test/support/fake-feishu/ws-server.ts serves one when needed).
import type { Route } from './router.js';

/** bot/v3/info and callback/ws/endpoint. */
export function botRoutes(identity: { openId: () => string; name: () => string }): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/open-apis\/bot\/v3\/info$/,
      handle: (_request, respond) => respond(200, { code: 0, msg: 'ok', bot: { open_id: identity.openId(), app_name: identity.name(), activate_status: 2 } }),
    },
    {
      method: 'POST',
      path: /^\/callback\/ws\/endpoint$/,
      public: true,
      handle: (_request, respond) => respond(200, { code: 1, msg: 'the fake has no long connection' }),
    },
  ];
}
