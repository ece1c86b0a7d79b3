// The HTTP server: health endpoint, and the Slack and Teams endpoints when configured.
import http from 'node:http';

import express from 'express';

import type { Runtime } from '../app/runtime.js';
import { mountSlack } from '../slack/index.js';
import { mountTeams } from '../teams/index.js';

export interface HttpServer {
  server: http.Server;
  /** Port actually bound (useful when PORT=0). */
  port: number;
  close(): Promise<void>;
}

/** Builds the Express application with every endpoint mounted. */
export async function createApp(runtime: Runtime): Promise<express.Express> {
  const app = express();
  app.disable('x-powered-by');

  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });

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
    server.listen(runtime.env.PORT, runtime.env.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : runtime.env.PORT;
  return {
    server,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
