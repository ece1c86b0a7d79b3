// The HTTP server: health endpoint, and the Slack and Teams endpoints when configured.
import http from 'node:http';

import { sql } from 'drizzle-orm';
import express from 'express';

import type { Runtime } from '../app/runtime.js';
import { mountSlack } from '../slack/index.js';
import { mountTeams } from '../teams/index.js';

// A health check that waits longer than this reports the store as unavailable.
const HEALTH_TIMEOUT_MS = 2_000;
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

  app.get('/healthz', async (_request, response) => {
    const storeReady = await checkStore(runtime);
    response.status(storeReady ? 200 : 503).json({ status: storeReady ? 'ok' : 'unavailable', store: runtime.store.driver });
  });

  await mountSlack(app, runtime);
  await mountTeams(app, runtime);
  return app;
}

/** Runs `select 1` on the store and returns whether it completed in time; logs the reason when not. */
async function checkStore(runtime: Runtime): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
  });
  try {
    await Promise.race([runtime.store.db.execute(sql`select 1`), timeout]);
    return true;
  } catch (error) {
    runtime.logger.warn({ err: error, store: runtime.store.location }, 'health check failed: store unavailable');
    return false;
  } finally {
    clearTimeout(timer);
  }
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
