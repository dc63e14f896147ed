import type { IncomingMessage, ServerResponse } from 'node:http';
import { healthReport, type HealthSources } from './health.js';
import type { PrometheusMetrics } from './prometheus-metrics.js';

/** Answers a request if it is one of ours; false = not ours, the caller goes on routing. */
export type OpsRoutes = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * `GET /healthz` (JSON, 200 when `ok`, else 503 so probes see a half-started bot) and `GET /metrics`
 * (Prometheus text). Mounted on the webhook server, or on its own server in long-connection mode.
 */
export function opsRoutes(options: {
  health: HealthSources;
  metrics: Pick<PrometheusMetrics, 'text' | 'contentType'>;
  startedAt: number;
}): OpsRoutes {
  return (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (request.method !== 'GET' || (pathname !== '/healthz' && pathname !== '/metrics')) return false;
    if (pathname === '/healthz') {
      const report = healthReport(options.health, options.startedAt);
      const text = JSON.stringify(report);
      response.writeHead(report.ok ? 200 : 503, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(text),
      });
      response.end(text);
      return true;
    }
    options.metrics.text().then(
      (text) => {
        response.writeHead(200, { 'content-type': options.metrics.contentType, 'content-length': Buffer.byteLength(text) });
        response.end(text);
      },
      () => {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end('metrics unavailable\n');
      },
    );
    return true;
  };
}
