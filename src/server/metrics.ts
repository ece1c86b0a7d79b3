// Prometheus metrics for GET /metrics: HTTP traffic, commands, job runs, the pending-send queue
// and Node's process metrics. One registry per process.
import { sql } from 'drizzle-orm';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { VERBS } from '../app/commands/grammar.js';
import type { Logger } from '../config/logger.js';
import { queryRows, type Store } from '../store/database.js';

export type Platform = 'slack' | 'teams' | 'none';
export type Outcome = 'ok' | 'error';

export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'o2o_' });

// Seconds; Slack's 3 s acknowledgement limit sits between two buckets.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3, 5, 10];

const httpRequests = new Counter({ name: 'o2o_http_requests_total', help: 'HTTP requests by route, platform and status code.', labelNames: ['route', 'platform', 'status'], registers: [registry] });
const httpErrors = new Counter({ name: 'o2o_http_errors_total', help: 'HTTP requests answered with a 5xx status.', labelNames: ['route', 'platform'], registers: [registry] });
const httpLatency = new Histogram({ name: 'o2o_http_request_duration_seconds', help: 'HTTP request duration in seconds.', labelNames: ['route', 'platform'], buckets: LATENCY_BUCKETS, registers: [registry] });
const commands = new Counter({ name: 'o2o_commands_total', help: 'Commands handled by platform, command name and outcome.', labelNames: ['platform', 'command', 'outcome'], registers: [registry] });
const commandLatency = new Histogram({ name: 'o2o_command_duration_seconds', help: 'Command handling time in seconds.', labelNames: ['platform', 'command'], buckets: LATENCY_BUCKETS, registers: [registry] });
const jobRuns = new Counter({ name: 'o2o_job_runs_total', help: 'Scheduled job runs by job and outcome.', labelNames: ['job', 'outcome'], registers: [registry] });

/** Known routes only, so a scan of random paths cannot grow the label set without bound. */
function routeOf(path: string): { route: string; platform: Platform } {
  if (path.startsWith('/slack/')) return { route: path.split('/').slice(0, 3).join('/'), platform: 'slack' };
  if (path === '/api/messages') return { route: path, platform: 'teams' };
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return { route: path, platform: 'none' };
  return { route: 'other', platform: 'none' };
}

/** Express middleware that counts and times every request once its response is finished. */
export function httpMetrics() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stopTimer = process.hrtime.bigint();
    response.on('finish', () => {
      const { route, platform } = routeOf(request.path);
      const seconds = Number(process.hrtime.bigint() - stopTimer) / 1e9;
      httpRequests.inc({ route, platform, status: String(response.statusCode) });
      httpLatency.observe({ route, platform }, seconds);
      if (response.statusCode >= 500) httpErrors.inc({ route, platform });
    });
    next();
  };
}

/**
 * Records one handled command. A label outside the known verbs and form names becomes "other",
 * so text typed by users can never create new series.
 */
export function recordCommand(platform: Platform, command: string | undefined, outcome: Outcome, seconds: number): void {
  const label = command && KNOWN_COMMANDS.has(command) ? command : 'other';
  commands.inc({ platform, command: label, outcome });
  commandLatency.observe({ platform, command: label }, seconds);
}

const FORM_LABELS = ['form:relationship', 'form:contact', 'form:influence', 'form:interaction', 'form:outreach', 'form:committee'];
const KNOWN_COMMANDS = new Set<string>([...VERBS, ...FORM_LABELS]);

/** Records one run of a scheduled job. */
export function recordJobRun(job: string, outcome: Outcome): void {
  jobRuns.inc({ job, outcome });
}

/** Registers the pending-send gauge, counted on each scrape; -1 when the store does not answer. */
export function watchPendingSends(store: Store, logger: Logger): void {
  registry.removeSingleMetric('o2o_pending_sends');
  new Gauge({
    name: 'o2o_pending_sends',
    help: 'Outbound messages waiting to be sent (status pending), or -1 when the store does not answer.',
    registers: [registry],
    // Every worker of a cluster counts the same table, so their values are not summed.
    aggregator: 'max',
    async collect() {
      try {
        const [row] = await queryRows<{ pending: string | number }>(store.db, sql`select count(*) as pending from outbound_messages where status = 'pending'`);
        this.set(Number(row?.pending ?? 0));
      } catch (error) {
        logger.warn({ err: error, store: store.location }, 'metrics: counting pending sends failed');
        this.set(-1);
      }
    },
  });
}
