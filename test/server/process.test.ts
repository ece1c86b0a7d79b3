import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { migrationsFolder, openStore, queryRows } from '../../src/store/database.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { testDatabaseUrl } from '../helpers/store.js';

const tempDirs: string[] = [];
function makeTempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'o2o-server-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function getStatus(port: number, requestPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: requestPath }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };

describe('npm start on PGlite', () => {
  const dataDir = path.join(makeTempDir(), 'data');
  let server: ServerProcess;
  beforeAll(() => {
    server = startServerProcess({ PORT: '0', HOST: '127.0.0.1', O2O_DATA_DIR: dataDir, LOG_LEVEL: 'info' }, { throughNpm: true });
  });
  afterAll(() => {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  });

  it('logs its configuration', async () => {
    const starting = await server.waitForLog('starting o2o');
    expect(starting.store).toEqual({ driver: 'pglite', location: dataDir });
    expect(starting).toMatchObject({ host: '127.0.0.1', port: 0, logLevel: 'info', defaultLocale: 'en', tenant: 'local:default' });
  });

  it('migrates, then answers /healthz', async () => {
    const migrated = await server.waitForLog('store migrated');
    expect(migrated).toMatchObject({ driver: 'pglite', store: dataDir });
    const listening = await server.waitForLog('server listening');
    const response = await getStatus(Number(listening.port), '/healthz');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toEqual({ status: 'ok', store: 'pglite' });
  });

  it('keeps a second server off its data folder', async () => {
    await server.waitForLog('server listening');
    const second = startServerProcess({ PORT: '0', HOST: '127.0.0.1', O2O_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(`The data folder ${dataDir} is in use by another o2o process (pid `);
  });

  it('exits 0 on SIGTERM', async () => {
    await server.waitForLog('server listening');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.logs.map((line) => line.msg)).toEqual(expect.arrayContaining(['shutting down', 'stopped']));
    expect(server.stderr()).toBe('');
  });

  it('stops the job scheduler before closing the store', async () => {
    await server.exited;
    const messages = server.logs.map((line) => line.msg);
    expect(messages).toContain('jobs starting');
    expect(messages.indexOf('scheduler stopped')).toBeGreaterThan(messages.indexOf('shutting down'));
    expect(messages.indexOf('scheduler stopped')).toBeLessThan(messages.indexOf('stopped'));
  });

  it('left every migration applied once', async () => {
    await server.exited;
    const store = await openStore({ dataDir });
    const rows = await queryRows<{ count: number }>(store.db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`);
    await store.close();
    expect(rows[0]?.count).toBe(journal.entries.length);
  });
});

describe.skipIf(!testDatabaseUrl)('server process on Postgres (skipped without TEST_DATABASE_URL)', () => {
  it('hides credentials, stops on SIGINT', async () => {
    // Trust authentication ignores the password, so it can stand in for a real secret.
    const url = new URL(testDatabaseUrl!);
    url.password = 'not-a-real-secret';
    const server = startServerProcess({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url.toString(), LOG_LEVEL: 'info' });

    const listening = await server.waitForLog('server listening');
    const response = await getStatus(Number(listening.port), '/healthz');
    server.child.kill('SIGINT');
    const code = await server.exited;

    expect(response.status).toBe(200);
    expect(server.logs.find((line) => line.msg === 'store migrated')).toMatchObject({ driver: 'postgres', store: `${url.hostname}:${url.port || '5432'}${url.pathname}` });
    expect(server.stdout()).not.toContain('not-a-real-secret');
    expect(code).toBe(0);
  });
});

describe('server process start-up failures', () => {
  it('exits 1 naming an invalid variable', async () => {
    const server = startServerProcess({ PORT: 'abc', O2O_DATA_DIR: path.join(makeTempDir(), 'data') });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain("PORT is 'abc': it must be a whole number from 0 to 65535");
    expect(server.stdout()).toBe('');
  });

  it('writes the failure in the shell language', async () => {
    const server = startServerProcess({ LOG_LEVEL: 'loud', LANG: 'fr_FR.UTF-8', O2O_DATA_DIR: path.join(makeTempDir(), 'data') });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('LOG_LEVEL vaut « loud »');
  });

  it('exits 1 when the data folder is a file', async () => {
    const file = path.join(makeTempDir(), 'not-a-folder');
    writeFileSync(file, '');
    const server = startServerProcess({ PORT: '0', HOST: '127.0.0.1', O2O_DATA_DIR: file, LOG_LEVEL: 'silent' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain(`The data folder ${file} cannot be used`);
    expect(server.stderr()).toContain('Set O2O_DATA_DIR');
  });

  it('exits 1 when Postgres cannot be reached', async () => {
    const closedPort = await findClosedPort();
    const server = startServerProcess({ DATABASE_URL: `postgres://o2o@127.0.0.1:${closedPort}/o2o`, LOG_LEVEL: 'silent' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain(`The database at 127.0.0.1:${closedPort}/o2o cannot be reached (ECONNREFUSED)`);
  });

  it('exits 1 when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const store: Record<string, string> = testDatabaseUrl ? { DATABASE_URL: testDatabaseUrl } : { O2O_DATA_DIR: path.join(makeTempDir(), 'data') };
    const server = startServerProcess({ PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...store });
    const code = await server.exited;
    blocker.close();
    expect(code).toBe(1);
    expect(server.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
  });
});

/** Returns a loopback port with nothing listening on it. */
async function findClosedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
