// The HTTP server: health, readiness and metrics endpoints, and the Slack and Teams endpoints
// when configured.
import http from 'node:http';

import express from 'express';

import type { Runtime } from '../app/runtime.js';
import { mountSlack } from '../slack/index.js';
import { mountTeams } from '../teams/index.js';
import { collectMetrics } from './cluster.js';
import { httpMetrics, registry, watchPendingSends } from './metrics.js';
import { PICTURES_PATH, servePicture } from './pictures.js';
import { checkReadiness } from './readiness.js';
import { accessLog, requestIds } from './request-id.js';

// Requests still running this long after a shutdown starts are cut off.
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export interface HttpServer {
  server: http.Server;
  /** Port actually bound (useful when PORT=0). */
  port: number;
  /** Stops accepting connections, lets running requests finish within the grace period, then closes. */
  close(graceMs?: number): Promise<void>;
}

/** Builds the Express application with every endpoint mounted. */
export async function createApp(runtime: Runtime): Promise<express.Express> {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestIds(runtime.logger), httpMetrics(), accessLog());

  // Liveness: the process answers. No store call, so a database outage never restarts replicas.
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok', store: runtime.store.driver });
  });

  app.get('/readyz', async (_request, response) => {
    const readiness = await checkReadiness(runtime.store);
    if (readiness.ready) {
      response.json({ status: 'ready', store: runtime.store.driver });
      return;
    }
    runtime.logger.warn({ reason: readiness.reason, detail: readiness.detail, store: runtime.store.location }, 'not ready');
    response.status(503).json({ status: 'unavailable', store: runtime.store.driver, reason: readiness.reason });
  });

  watchPendingSends(runtime.store, runtime.logger);
  app.get('/metrics', async (_request, response) => {
    try {
      response.type(registry.contentType).send(await collectMetrics());
    } catch (error) {
      runtime.logger.warn({ err: error }, 'metrics: collecting the workers\' metrics failed');
      response.status(503).type('text/plain').send('metrics unavailable\n');
    }
  });

  // Pictures that Teams cards link to when O2O_PUBLIC_URL is set. The Teams client fetches them.
  app.get(PICTURES_PATH, servePicture(runtime));

  await mountSlack(app, runtime);
  await mountTeams(app, runtime);
  return app;
}

/** Starts listening on the configured host and port. */
export async function startHttpServer(runtime: Runtime): Promise<HttpServer> {
  const app = await createApp(runtime);
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(runtime.env.PORT, runtime.env.HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : runtime.env.PORT;
  return { server, port, close: (graceMs = DEFAULT_SHUTDOWN_GRACE_MS) => closeServer(server, graceMs) };
}

function closeServer(server: http.Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const forceClose = setTimeout(() => server.closeAllConnections(), graceMs);
    forceClose.unref();
    server.close(() => {
      clearTimeout(forceClose);
      resolve();
    });
    // Keep-alive connections with no request in flight would otherwise hold close() open.
    server.closeIdleConnections();
  });
}
