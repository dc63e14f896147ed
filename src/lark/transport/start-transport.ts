import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../log/index.js';
import { startOpsServer, type OpsRoutes, type PrometheusMetrics } from '../../ops/index.js';
import type { LarkBot } from '../bot.js';
import type { LarkSettings } from '../settings.js';
import { startLongConnection, type WsClientFactory } from './long-connection.js';
import { createWebhookServer } from './webhook-server.js';

/** The running transport: the webhook server's port (webhook mode), the port of /healthz and /metrics. */
export interface LarkTransport {
  port?: number | undefined;
  opsPort?: number | undefined;
  close(): Promise<void>;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

/** Starts the transport that feeds the bot's dispatcher: the webhook server on PORT, or the long connection. */
export async function startLarkTransport(
  settings: LarkSettings,
  bot: LarkBot,
  logger: Logger,
  wsClientFactory?: WsClientFactory,
  ops?: { routes: OpsRoutes; port: number; host?: string | undefined; metrics: PrometheusMetrics },
): Promise<LarkTransport> {
  if (settings.mode === 'long-connection') {
    const connection = await startLongConnection(settings, bot.dispatcher, logger, wsClientFactory);
    logger.info('lark.long_connection_ready');
    if (!ops) return { close: async () => connection.close() };
    let server;
    try {
      server = await startOpsServer(ops.routes, ops.port, ops.host);
    } catch (error) {
      connection.close();
      throw error;
    }
    logger.info('ops.listening', { port: server.port });
    const opened = server;
    return {
      opsPort: opened.port,
      close: async () => {
        connection.close();
        await opened.close();
      },
    };
  }
  const server = createWebhookServer({
    path: settings.webhookPath,
    secrets: { verificationToken: settings.verificationToken, encryptKey: settings.encryptKey },
    invoke: (payload) => bot.dispatcher.invoke(payload, { needCheck: false }),
    logger,
    routes: ops?.routes,
    onError: ops ? () => ops.metrics.error('webhook') : undefined,
  });
  const port = await listen(server, settings.port);
  logger.info('lark.webhook_listening', { port, path: settings.webhookPath });
  return { port, opsPort: ops ? port : undefined, close: () => closeServer(server) };
}
