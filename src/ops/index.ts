// Operations: metrics, health, and the HTTP routes that expose them. Beside lark; imports no channel.
export { noopMetrics, type AnsweredQuestion, type ErrorKind, type Metrics } from './metrics.js';
export { createPrometheusMetrics, LATENCY_BUCKETS, type PrometheusMetrics } from './prometheus-metrics.js';
export { healthReport, type HealthReport, type HealthSources } from './health.js';
export { opsRoutes, type OpsRoutes } from './ops-routes.js';
export { startOpsServer, type OpsServer } from './ops-server.js';
