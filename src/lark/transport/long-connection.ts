import { WSClient, type EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../log/index.js';
import { SDK_LOGGER_LEVEL, sdkLogger } from './sdk-logger.js';
import type { LarkSettings } from '../settings.js';

/** The long-connection transport: a running SDK WSClient feeding a dispatcher. */
interface LongConnection {
  close(): void;
}

/** What starts a WSClient; injectable so a test can check which dispatcher it is given. */
export type WsClientFactory = (
  settings: LarkSettings,
  callbacks: { onReady: () => void; onError: (error: Error) => void; logger: Logger },
) => {
  start(params: { eventDispatcher: EventDispatcher }): Promise<void>;
  close(params?: { force?: boolean }): void;
};

/** The SDK's WSClient (reconnects by itself; events arrive decrypted, acknowledged with the handler's result). */
const sdkWsClient: WsClientFactory = (settings, callbacks) =>
  new WSClient({
    appId: settings.appId,
    appSecret: settings.appSecret,
    domain: settings.domain,
    logger: sdkLogger(callbacks.logger),
    loggerLevel: SDK_LOGGER_LEVEL,
    autoReconnect: true,
    handshakeTimeoutMs: 15_000,
    onReady: callbacks.onReady,
    onError: callbacks.onError,
    onReconnecting: () => callbacks.logger.warn('lark.reconnecting'),
    onReconnected: () => callbacks.logger.info('lark.reconnected'),
  });

/** Opens the long connection with `dispatcher` and resolves once the first handshake succeeds. */
export async function startLongConnection(
  settings: LarkSettings,
  dispatcher: EventDispatcher,
  logger: Logger,
  factory: WsClientFactory = sdkWsClient,
  timeoutMs = 20_000,
): Promise<LongConnection> {
  let client: ReturnType<WsClientFactory> | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`long connection not ready after ${timeoutMs} ms`)), timeoutMs);
    client = factory(settings, {
      logger,
      onReady: () => {
        clearTimeout(timer);
        resolve();
      },
      onError: (error) => {
        clearTimeout(timer);
        reject(error);
      },
    });
    client.start({ eventDispatcher: dispatcher }).catch((error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
  try {
    await ready;
  } catch (error) {
    client?.close({ force: true });
    throw error;
  }
  return { close: () => client?.close({ force: true }) };
}
