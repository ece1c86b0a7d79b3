// Several server processes on one port through node:cluster (O2O_WORKERS). The primary migrates
// the store once, starts the workers, replaces one that dies, passes SIGTERM on to them and
// sends their summed metrics to whichever worker handles GET /metrics. Each worker is a whole
// replica: what must happen once (migrations, digests, nudges) is coordinated through Postgres.
import cluster, { type Worker } from 'node:cluster';

import { AggregatorRegistry, type RegistryContentType } from 'prom-client';

import type { Env } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import { registry } from './metrics.js';

const METRICS_REQUEST = 'o2o:metrics-request';
const METRICS_RESPONSE = 'o2o:metrics-response';
// A worker that dies this soon after it started is failing to start, not crashing at random.
const EARLY_EXIT_MS = 10_000;
const MAX_EARLY_EXITS = 3;
const METRICS_TIMEOUT_MS = 5_000;

interface MetricsRequest {
  type: typeof METRICS_REQUEST;
  id: number;
}

interface MetricsResponse {
  type: typeof METRICS_RESPONSE;
  id: number;
  text?: string;
  error?: string;
}

/** Checks whether this process is a worker started by {@link runPrimary}. */
export function isClusterWorker(): boolean {
  return cluster.isWorker;
}

/**
 * Starts `env.O2O_WORKERS` workers and keeps them running until SIGTERM or SIGINT, then stops them
 * and exits. A worker that exits on its own is replaced, unless workers keep failing at start-up:
 * then the primary stops with exit code 1.
 */
export function runPrimary(env: Env, logger: Logger, options: { shutdownDeadlineMs?: number } = {}): void {
  const aggregator = new AggregatorRegistry();
  const startedAt = new Map<number, number>();
  let stopping = false;
  let earlyExits = 0;

  const fork = (): Worker => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message: MetricsRequest) => {
      if (message?.type === METRICS_REQUEST) void answerMetrics(aggregator, worker, message.id);
    });
    return worker;
  };

  cluster.on('exit', (worker, code, signal) => {
    const lifetimeMs = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        logger.info('all workers stopped');
        process.exit(0);
      }
      return;
    }
    logger.error({ worker: worker.process.pid, code, signal, lifetimeMs }, 'worker exited: starting another');
    if (lifetimeMs < EARLY_EXIT_MS && ++earlyExits >= MAX_EARLY_EXITS) {
      logger.fatal({ earlyExits }, 'workers keep failing at start-up: stopping');
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM');
      process.exitCode = 1;
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
      return;
    }
    fork();
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, workers: Object.keys(cluster.workers ?? {}).length }, 'shutting down workers');
    // Workers ignore SIGINT and stop on the SIGTERM sent here, so a Ctrl+C in a terminal, which
    // reaches the whole process group, stops each of them once.
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    const deadline = setTimeout(() => {
      logger.error('workers took too long to stop: exiting now');
      process.exit(1);
    }, options.shutdownDeadlineMs ?? 20_000);
    deadline.unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  logger.info({ workers: env.O2O_WORKERS }, 'starting workers');
  for (let index = 0; index < env.O2O_WORKERS; index++) fork();
}

async function answerMetrics(aggregator: AggregatorRegistry<RegistryContentType>, worker: Worker, id: number): Promise<void> {
  let response: MetricsResponse;
  try {
    response = { type: METRICS_RESPONSE, id, text: await aggregator.clusterMetrics() };
  } catch (error) {
    response = { type: METRICS_RESPONSE, id, error: (error as Error).message };
  }
  if (worker.isConnected()) worker.send(response);
}

let nextMetricsRequest = 0;

/**
 * Returns the metrics of this process, or in a cluster worker those of every worker summed by
 * the primary, in the Prometheus text format.
 */
export async function collectMetrics(): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = nextMetricsRequest++;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('the primary process did not send the metrics in time')), METRICS_TIMEOUT_MS);
    const onMessage = (message: MetricsResponse) => {
      if (message?.type !== METRICS_RESPONSE || message.id !== id) return;
      finish(message.error === undefined ? undefined : new Error(message.error), message.text);
    };
    function finish(error?: Error, text?: string) {
      clearTimeout(timer);
      process.off('message', onMessage);
      if (error) reject(error);
      else resolve(text ?? '');
    }
    process.on('message', onMessage);
    process.send!({ type: METRICS_REQUEST, id } satisfies MetricsRequest);
  });
}

/** In a worker, lets the primary read this process's metrics. */
export function shareWorkerMetrics(): void {
  if (!cluster.isWorker) return;
  // Constructing an aggregator registers the handler that sends this worker's metrics to the primary.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}
