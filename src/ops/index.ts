// Operations: metrics, health, and the HTTP routes that expose them. Beside lark; imports no channel.
export { noopMetrics, type Metrics } from './metrics.js';
export { createPrometheusMetrics, type PrometheusMetrics } from './prometheus-metrics.js';
export { healthReport, type HealthSources } from './health.js';
export { opsRoutes, type OpsRoutes } from './ops-routes.js';
export { startOpsServer } from './ops-server.js';
