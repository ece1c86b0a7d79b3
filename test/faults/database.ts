// The database of the fault runs: a private PostgreSQL server in a temporary directory, started
// and restarted with pg_ctl. When no Postgres binaries are installed, it is a scratch database on
// the shared server behind a TCP proxy, and a "restart" closes the port and drops every connection.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import postgres from 'postgres';

import { createScratchDatabase } from '../helpers/scratch-database.js';
import { startTcpProxy } from '../server/tcp-proxy.js';

export type RestartMode = 'fast' | 'immediate';

export interface FaultDatabase {
  /** Connection URL of the database the replicas use. */
  url: string;
  /** How the database is run, for the report. */
  description: string;
  /** Restarts the server and resolves once it accepts connections again; returns the outage in ms. */
  restart(mode: RestartMode): Promise<number>;
  /** Stops the server and removes its files. */
  close(): Promise<void>;
}

/** Starts a private server when Postgres binaries exist (unless FAULTS_USE_PROXY=1), else falls back to the proxy. */
export async function startFaultDatabase(): Promise<FaultDatabase> {
  const binaries = process.env.FAULTS_USE_PROXY === '1' ? null : findPostgresBinaries();
  if (binaries) return startPrivatePostgres(binaries);
  return startProxiedDatabase(process.env.FAULTS_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
}

/** Returns the bin folder of the newest Postgres under /usr/lib/postgresql, or null. */
function findPostgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((name) => existsSync(path.join(root, name, 'bin', 'pg_ctl')) && existsSync(path.join(root, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : null;
}

/** Returns a port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb refuses to run as root, so as root every Postgres command runs as the `postgres`
 * system user through runuser, in a directory handed over to that user.
 */
function commandRunner(directory: string): { exec(binary: string, args: string[]): Promise<string>; owner: string } {
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execSyncText('id', ['-u', 'postgres']));
    const gid = Number(execSyncText('id', ['-g', 'postgres']));
    chownSync(directory, uid, gid);
  }
  return {
    owner: asRoot ? 'postgres (through runuser, since initdb refuses root)' : 'the current user',
    async exec(binary, args) {
      const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
      return runDetached(command, commandArgs, directory);
    },
  };
}

/**
 * Runs a command in a process group of its own, so a Ctrl-C meant for the run does not stop
 * Postgres before the run's own cleanup does. Resolves with standard output.
 */
function runDetached(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} failed (${code ?? signal}): ${errors.trim()}`));
    });
  });
}

function execSyncText(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' }).trim();
}

async function startPrivatePostgres(bin: string): Promise<FaultDatabase> {
  const directory = mkdtempSync(path.join(tmpdir(), 'o2o-faults-pg-'));
  const removeDirectory = () => rmSync(directory, { recursive: true, force: true });
  try {
    const runner = commandRunner(directory);
    const dataDir = path.join(directory, 'data');
    const port = await freePort();
    await runner.exec(path.join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);

    // The socket goes in the temporary directory, so this server never touches /var/run/postgresql.
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${directory}`;
    const pgCtl = (args: string[]) => runner.exec(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-w', '-t', '60', ...args]);
    await pgCtl(['-l', path.join(directory, 'server.log'), '-o', options, 'start']);

    const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe('create database o2o');
    await admin.end({ timeout: 5 });

    return {
      url: `postgres://postgres@127.0.0.1:${port}/o2o`,
      description: `private PostgreSQL (${path.basename(path.dirname(bin))}) on 127.0.0.1:${port}, run as ${runner.owner}`,
      async restart(mode) {
        const started = performance.now();
        await pgCtl(['-m', mode, '-l', path.join(directory, 'server.log'), '-o', options, 'restart']);
        return performance.now() - started;
      },
      async close() {
        await pgCtl(['-m', 'immediate', 'stop']).catch(() => killPostmaster(dataDir));
        removeDirectory();
      },
    };
  } catch (error) {
    removeDirectory();
    throw error;
  }
}

/** Stops the server by the process id in postmaster.pid, when pg_ctl could not. */
function killPostmaster(dataDir: string): void {
  try {
    const pid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // No pid file: the server is not running.
  }
}

// How long the proxy keeps the port closed to stand for a restart.
const PROXY_OUTAGE_MS = 1_500;

async function startProxiedDatabase(serverUrl: string): Promise<FaultDatabase> {
  const target = new URL(serverUrl);
  const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const throughProxy = new URL(serverUrl);
  throughProxy.hostname = '127.0.0.1';
  throughProxy.port = String(proxy.port);
  const scratch = await createScratchDatabase(throughProxy.toString(), 'o2o_faults');
  return {
    url: scratch.url,
    description: `scratch database on ${target.host} behind a TCP proxy (no Postgres binaries found: a restart closes the proxy for ${PROXY_OUTAGE_MS} ms)`,
    async restart() {
      const started = performance.now();
      await proxy.setMode('refuse');
      await new Promise((resolve) => setTimeout(resolve, PROXY_OUTAGE_MS));
      await proxy.setMode('forward');
      return performance.now() - started;
    },
    async close() {
      await scratch.drop().catch(() => undefined);
      await proxy.close();
    },
  };
}
