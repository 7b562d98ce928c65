import client from 'prom-client';

/**
 * Metrics of this process (Prometheus text at /metrics). Module-level: one process is one
 * service; the database's own figures are read at scrape time (see database-metrics.ts).
 */
export const processMetrics = new client.Registry();
client.collectDefaultMetrics({ register: processMetrics, prefix: 'keizoku_' });

export const httpRequestSeconds = new client.Histogram({
  name: 'keizoku_http_request_duration_seconds',
  help: 'HTTP requests by method, route pattern and status, with their latency',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [processMetrics],
});

/** Every audit event written, by kind: login outcomes are the login_* kinds. */
export const auditEventsTotal = new client.Counter({
  name: 'keizoku_audit_events_total',
  help: 'Audit events written, by kind (login_succeeded, login_failed, login_locked, …)',
  labelNames: ['kind'],
  registers: [processMetrics],
});
