import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpsRoutes } from './ops-routes.js';

/** A listening HTTP server for `/healthz` and `/metrics` alone (long-connection mode has no webhook server). */
interface OpsServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Listens on `port` (0 = any free port) at `host` (all interfaces by default); anything else is a 404. */
export function startOpsServer(routes: OpsRoutes, port: number, host?: string): Promise<OpsServer> {
  const server: Server = createServer((request, response) => {
    if (routes(request, response)) return;
    response.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    response.end('{"error":"not found"}');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? (address satisfies AddressInfo).port : port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
