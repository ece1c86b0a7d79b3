import http from 'node:http';
import { Writable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Runtime } from '../../src/app/runtime.js';
import { loadEnv } from '../../src/config/env.js';
import { createLogger, type Logger } from '../../src/config/logger.js';
import { startHttpServer, type HttpServer } from '../../src/server/app.js';
import { recordCommand, recordJobRun } from '../../src/server/metrics.js';
import { openStore, type Store } from '../../src/store/database.js';
import { driverName, openTestStore } from '../helpers/store.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
    }).on('error', reject);
  });
}

/** A logger whose JSON lines are kept in `lines`. */
function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('debug', sink), lines };
}

function runtimeOn(store: Store, logger: Logger = createLogger('silent')): Runtime {
  const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  return { env, logger, store, close: () => store.close() };
}

describe(`readiness, metrics and request ids on ${driverName}`, () => {
  let store: Store;
  let server: HttpServer;
  const capture = capturingLogger();

  beforeAll(async () => {
    store = await openTestStore();
    server = await startHttpServer(runtimeOn(store, capture.logger));
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  it('reports ready when every migration is applied', async () => {
    const reply = await get(server.port, '/readyz');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ status: 'ready', store: driverName });
  });

  it('echoes an incoming request id', async () => {
    const reply = await get(server.port, '/healthz', { 'X-Request-Id': 'abc-123' });
    expect(reply.headers['x-request-id']).toBe('abc-123');
  });

  it('generates a request id when none is sent', async () => {
    const reply = await get(server.port, '/healthz');
    expect(reply.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('replaces a request id that could forge log lines', async () => {
    const reply = await get(server.port, '/healthz', { 'X-Request-Id': 'a b\tc' });
    expect(reply.headers['x-request-id']).not.toBe('a b\tc');
  });

  it('writes the request id on the log line of the request', async () => {
    await get(server.port, '/nothing-here', { 'X-Request-Id': 'log-line-id' });
    const line = capture.lines.find((entry) => entry.requestId === 'log-line-id');
    expect(line).toMatchObject({ msg: 'request handled', status: 404, path: '/nothing-here' });
  });

  it('exposes HTTP request counts by route and status', async () => {
    await get(server.port, '/healthz');
    const reply = await get(server.port, '/metrics');
    expect(reply.status).toBe(200);
    expect(reply.text).toMatch(/o2o_http_requests_total\{route="\/healthz",platform="none",status="200"\} \d+/);
  });

  it('groups unknown paths under one route label', async () => {
    await get(server.port, '/random-path-42');
    const reply = await get(server.port, '/metrics');
    expect(reply.text).not.toContain('random-path-42');
  });

  it('exposes latency histograms and process metrics', async () => {
    const reply = await get(server.port, '/metrics');
    expect(reply.text).toContain('o2o_http_request_duration_seconds_bucket');
    expect(reply.text).toContain('o2o_process_resident_memory_bytes');
  });

  it('counts pending sends on each scrape', async () => {
    const reply = await get(server.port, '/metrics');
    expect(reply.text).toMatch(/^o2o_pending_sends \d+$/m);
  });

  it('exposes recorded commands and job runs', async () => {
    recordCommand('slack', 'who', 'ok', 0.02);
    recordJobRun('digest', 'error');
    const reply = await get(server.port, '/metrics');
    expect(reply.text).toMatch(/o2o_commands_total\{platform="slack",command="who",outcome="ok"\} \d+/);
    expect(reply.text).toMatch(/o2o_job_runs_total\{job="digest",outcome="error"\} \d+/);
  });

  it('labels an unknown command as other', async () => {
    recordCommand('teams', 'Acme Energy secret plans', 'error', 0.01);
    const reply = await get(server.port, '/metrics');
    expect(reply.text).toMatch(/o2o_commands_total\{platform="teams",command="other",outcome="error"\} \d+/);
    expect(reply.text).not.toContain('Acme Energy');
  });
});

describe('readiness before migrations', () => {
  it('reports pending migrations on a store never migrated', async () => {
    const store = await openStore({ memory: true });
    const server = await startHttpServer(runtimeOn(store));
    const reply = await get(server.port, '/readyz');
    await server.close();
    await store.close();
    expect(reply.status).toBe(503);
    expect(JSON.parse(reply.text)).toMatchObject({ status: 'unavailable', reason: 'migrations_pending' });
  });
});
