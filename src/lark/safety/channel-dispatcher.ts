import { EventDispatcher, type LarkChannel } from '@larksuiteoapi/node-sdk';

/**
 * The one place that reads a private member of the SDK, because there is no public hook: in 1.74,
 * LarkChannel with `transport: 'webhook'` expects the caller to "plug this.dispatcher into their HTTP
 * handler" (its own comment in doConnect), yet types `dispatcher` private and offers no accessor, no
 * `handleWebhook`, and no option to pass a dispatcher in. Its handlers (normalise, policy, dedup,
 * per-chat queue) are registered on that instance, so feeding any other dispatcher would bypass them.
 * At run time it is a plain property; if a release renames it, the start fails here with this message.
 */
export function channelDispatcher(channel: LarkChannel): EventDispatcher {
  const candidate: unknown = Reflect.get(channel, 'dispatcher');
  if (!(candidate instanceof EventDispatcher)) {
    throw new Error(
      '@larksuiteoapi/node-sdk: LarkChannel.dispatcher is missing; the SDK changed, check src/lark/safety/channel-dispatcher.ts',
    );
  }
  return candidate;
}
