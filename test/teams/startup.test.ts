import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { startServerProcess } from '../helpers/server-process.js';

describe('npm start with Teams', () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'o2o-teams-start-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('builds one bot for the endpoint and the jobs', async () => {
    const server = startServerProcess({ PORT: '0', HOST: '127.0.0.1', O2O_DATA_DIR: path.join(folder, 'data'), LOG_LEVEL: 'info', TEAMS_LOCAL_MODE: 'true' });
    const jobs = await server.waitForLog('jobs starting');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    expect(jobs.platforms).toEqual(['teams']);
    const warnings = server.logs.filter((line) => line.msg.startsWith('Teams local mode'));
    expect(warnings).toHaveLength(1);
  });
});
