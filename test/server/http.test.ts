import http from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Runtime } from '../../src/app/runtime.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/config/logger.js';
import { startHttpServer, type HttpServer } from '../../src/server/app.js';
import type { Store } from '../../src/store/database.js';
import { driverName, openTestStore } from '../helpers/store.js';

/** Sends a GET to the server on 127.0.0.1 and returns the status and parsed JSON body. */
function getJson(port: number, path: string, agent?: http.Agent): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown }));
    });
    request.on('error', reject);
  });
}

function runtimeOn(store: Store): Runtime {
  const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  return { env, logger: createLogger('silent'), store, close: () => store.close() };
}

describe(`HTTP server on ${driverName}`, () => {
  let store: Store;
  let server: HttpServer;

  beforeAll(async () => {
    store = await openTestStore();
    server = await startHttpServer(runtimeOn(store));
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('binds an ephemeral port on 127.0.0.1', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.server.address()).toMatchObject({ address: '127.0.0.1', port: server.port });
  });

  it('answers GET /healthz with ok', async () => {
    const response = await getJson(server.port, '/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok', store: driverName });
  });

  it('answers unknown paths with 404', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/nothing-here' }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      }).on('error', reject);
    });
    expect(status).toBe(404);
  });

  it('closes despite an idle keep-alive connection', async () => {
    const second = await startHttpServer(runtimeOn(store));
    const agent = new http.Agent({ keepAlive: true });
    await getJson(second.port, '/healthz', agent);

    const started = Date.now();
    await second.close(30_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(second.server.listening).toBe(false);
    agent.destroy();
  });
});

describe('HTTP server without its store', () => {
  it('stays alive on /healthz but reports 503 on /readyz when the store is closed', async () => {
    const store = await openTestStore();
    const server = await startHttpServer(runtimeOn(store));
    await store.close();
    const health = await getJson(server.port, '/healthz');
    const readiness = await getJson(server.port, '/readyz');
    await server.close();
    expect(health.status).toBe(200);
    expect(readiness.status).toBe(503);
    expect(readiness.body).toEqual({ status: 'unavailable', store: driverName, reason: 'store_unavailable' });
  });
});
