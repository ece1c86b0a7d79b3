// `npm start` with O2O_WORKERS: one primary, several workers on one port, a dead worker replaced,
// metrics summed over the workers, and SIGTERM stopping them all.
import http from 'node:http';

import { describe, expect, it } from 'vitest';

import { createScratchDatabase } from '../helpers/scratch-database.js';
import { startServerProcess, type LogLine, type ServerProcess } from '../helpers/server-process.js';
import { testDatabaseUrl } from '../helpers/store.js';

function get(port: number, requestPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: requestPath, agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Waits until `count` log lines carry this message, and returns them. */
async function waitForLogs(server: ServerProcess, message: string, count: number, timeoutMs = 60_000): Promise<LogLine[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = server.logs.filter((line) => line.msg === message);
    if (lines.length >= count) return lines;
    if (Date.now() > deadline) throw new Error(`only ${lines.length} of ${count} '${message}' lines after ${timeoutMs} ms:\n${server.stdout()}\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function counterValue(metrics: string, line: string): number {
  const found = metrics.split('\n').find((candidate) => candidate.startsWith(line));
  return found ? Number(found.slice(line.length).trim()) : 0;
}

describe('server workers', () => {
  it('rejects several workers without DATABASE_URL', async () => {
    const server = startServerProcess({ O2O_WORKERS: '2', LOG_LEVEL: 'silent' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain("O2O_WORKERS is '2': it must be a whole number from 1 to 64, and more than 1 needs DATABASE_URL");
  });

  it('rejects it in French', async () => {
    const server = startServerProcess({ O2O_WORKERS: '2', LANG: 'fr_FR.UTF-8', LOG_LEVEL: 'silent' });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain('plus de 1 exige DATABASE_URL');
  });
});

describe.skipIf(!testDatabaseUrl)('server workers on Postgres (skipped without TEST_DATABASE_URL)', () => {
  it('serves, replaces a dead worker, sums metrics and stops', async () => {
    const database = await createScratchDatabase(testDatabaseUrl!, 'o2o_cluster');
    const server = startServerProcess({ DATABASE_URL: database.url, O2O_WORKERS: '2', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    try {
      const listening = await waitForLogs(server, 'server listening', 2);
      const port = Number(listening[0]!.port);
      const workers = new Set(listening.map((line) => line.worker));
      expect(workers.size).toBe(2);
      expect(listening[1]!.port).toBe(port);
      expect(server.logs.filter((line) => line.msg === 'store migrated' && line.worker === undefined)).toHaveLength(1);

      for (let index = 0; index < 20; index++) expect((await get(port, '/healthz')).status).toBe(200);
      const metrics = await get(port, '/metrics');
      expect(metrics.status).toBe(200);
      // Both workers' counters are summed, whichever worker handles the scrape.
      expect(counterValue(metrics.body, 'o2o_http_requests_total{route="/healthz",platform="none",status="200"}')).toBe(20);
      expect(metrics.body.match(/^o2o_pending_sends /m)).not.toBeNull();

      const victim = Number([...workers][0]);
      process.kill(victim, 'SIGKILL');
      const exited = await waitForLogs(server, 'worker exited: starting another', 1);
      expect(exited[0]).toMatchObject({ worker: victim, signal: 'SIGKILL' });
      await waitForLogs(server, 'server listening', 3);
      expect((await get(port, '/readyz')).status).toBe(200);

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.logs.filter((line) => line.msg === 'stopped')).toHaveLength(2);
      expect(server.logs.at(-1)?.msg).toBe('all workers stopped');
    } finally {
      server.child.kill('SIGKILL');
      await server.exited;
      await database.drop();
    }
  });
});
