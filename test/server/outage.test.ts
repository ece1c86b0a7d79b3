// Store outage through a TCP proxy in front of the test Postgres: reads and writes fail fast,
// /readyz reports it, and the server recovers alone once the database answers again.
import http from 'node:http';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Runtime } from '../../src/app/runtime.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/config/logger.js';
import { startHttpServer, type HttpServer } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/database.js';
import { testDatabaseUrl } from '../helpers/store.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

function readyStatus(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: '/readyz' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

async function waitForReady(port: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let status = await readyStatus(port);
  while (status !== 200 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    status = await readyStatus(port);
  }
  return status;
}

/** Milliseconds until `task` settles, and whether it failed. */
async function timeSettle(task: Promise<unknown>): Promise<{ ms: number; failed: boolean }> {
  const started = Date.now();
  const failed = await task.then(() => false, () => true);
  return { ms: Date.now() - started, failed };
}

// A proxy needs a real Postgres behind it; PGlite runs in-process and cannot be cut off.
describe.skipIf(!testDatabaseUrl)('store outage on postgres (needs TEST_DATABASE_URL)', () => {
  let proxy: TcpProxy;
  let store: Store;
  let server: HttpServer;

  beforeAll(async () => {
    const target = new URL(testDatabaseUrl!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const throughProxy = new URL(testDatabaseUrl!);
    throughProxy.hostname = '127.0.0.1';
    throughProxy.port = String(proxy.port);
    store = await openStore({ databaseUrl: throughProxy.toString(), maxConnections: 4 });
    const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
    const runtime: Runtime = { env, logger: createLogger('silent'), store, close: () => store.close() };
    server = await startHttpServer(runtime);
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await proxy?.close();
  });

  it('is ready while the database answers', async () => {
    expect(await readyStatus(server.port)).toBe(200);
  });

  it('fails a query at once when the database port is closed', async () => {
    await proxy.setMode('refuse');
    const outcome = await timeSettle(store.db.execute(sql`select 1`));
    expect(outcome.failed).toBe(true);
    expect(outcome.ms).toBeLessThan(2_000);
  });

  it('reports 503 on /readyz during the outage', async () => {
    expect(await readyStatus(server.port)).toBe(503);
  });

  it('fails a query within the connect timeout when the database never answers', async () => {
    await proxy.setMode('blackhole');
    const outcome = await timeSettle(store.db.execute(sql`select 1`));
    expect(outcome.failed).toBe(true);
    expect(outcome.ms).toBeLessThan(8_000);
  }, 15_000);

  it('recovers alone once the database answers again', async () => {
    await proxy.setMode('forward');
    expect(await waitForReady(server.port, 10_000)).toBe(200);
    const outcome = await timeSettle(store.db.execute(sql`select 1`));
    expect(outcome.failed).toBe(false);
  }, 15_000);
});
