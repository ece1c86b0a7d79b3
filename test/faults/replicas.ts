// Server replicas for the fault runs: `src/server/main.ts` in child processes, with the command of
// `npm start`, reading their JSON log lines one by one as they arrive.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import { hostname } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
// Log lines kept per replica for the report of a failed run.
const KEPT_LINES = 300;

export interface Replica {
  name: string;
  url: string;
  pid: number;
  /** The scheduler's worker id in claims: host name and process id, as src/jobs/start.ts builds it. */
  workerId: string;
  child: ChildProcess;
  /** How many log lines carried each message so far. */
  messageCounts: Map<string, number>;
  recentLines(): string[];
  exited: Promise<number | string>;
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts one replica with exactly `env` plus PATH and HOME, and waits until it listens. */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  // FAULTS_LOG_DIR keeps every log line of each replica in <dir>/<name>.log, for a closer look.
  const logFile = process.env.FAULTS_LOG_DIR ? createWriteStream(path.join(process.env.FAULTS_LOG_DIR, `${name}.log`), { flags: 'a' }) : undefined;
  const messageCounts = new Map<string, number>();
  let pending = '';
  let onListening: ((port: number) => void) | undefined;

  const keep = (line: string) => {
    logFile?.write(`${line}\n`);
    lines.push(line);
    if (lines.length > KEPT_LINES) lines.shift();
  };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const complete = pending.split('\n');
    pending = complete.pop() ?? '';
    for (const line of complete) {
      keep(line);
      const message = /"msg":"((?:[^"\\]|\\.)*)"/.exec(line)?.[1];
      if (message) messageCounts.set(message, (messageCounts.get(message) ?? 0) + 1);
      if (message === 'server listening') onListening?.(Number(/"port":(\d+)/.exec(line)?.[1]));
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => keep(`stderr: ${chunk.trimEnd()}`));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      logFile?.end();
      resolve(code ?? signal ?? 'unknown');
    }),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica ${name} did not listen within 90 s:\n${lines.join('\n')}`)), 90_000);
    onListening = (listening) => {
      clearTimeout(timer);
      resolve(listening);
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`replica ${name} exited (${code}) before listening:\n${lines.join('\n')}`));
    });
  });

  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    workerId: `${hostname()}-${child.pid}`,
    child,
    messageCounts,
    recentLines: () => [...lines],
    exited,
    alive,
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Returns the status of GET /readyz, or 0 when the request fails. */
export function readyStatus(replica: Replica): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(`${replica.url}/readyz`, { timeout: 5_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Polls /readyz of every replica until all return 200; returns the ms it took, or null on timeout. */
export async function waitUntilReady(replicas: Replica[], timeoutMs: number): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const statuses = await Promise.all(replicas.map(readyStatus));
    if (statuses.every((status) => status === 200)) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return null;
}
