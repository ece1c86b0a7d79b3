// Runs `src/server/main.ts` in a child process with the command of `npm start`, and reads its
// JSON log lines, so tests see what an operator would see.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface ServerProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** Everything written to standard output and standard error, as text. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first log line with this message; rejects if the process exits first or time runs out. */
  waitForLog(message: string, timeoutMs?: number): Promise<LogLine>;
  /** Resolves with the exit code (or the signal's name when killed by one). */
  exited: Promise<number | string>;
}

/**
 * Starts the server with exactly `env` plus PATH and HOME: nothing else leaks in from the test
 * runner's environment, so a DATABASE_URL or PORT set there cannot change what is tested.
 * With `throughNpm`, the command is `npm start` itself, so signals reach the server through npm.
 */
export function startServerProcess(env: Record<string, string>, options: { throughNpm?: boolean } = {}): ServerProcess {
  const [command, args] = options.throughNpm ? ['npm', ['start', '--silent']] : [process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/server/main.ts')]];
  const child = spawn(command, args, {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const logs: LogLine[] = [];
  const listeners = new Set<() => void>();

  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    logs.splice(0, logs.length, ...parseLogLines(out));
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
      for (const listener of listeners) listener();
    });
  });

  const waitForLog = (message: string, timeoutMs = 60_000) =>
    new Promise<LogLine>((resolve, reject) => {
      const check = () => {
        const line = logs.find((entry) => entry.msg === message);
        if (line) return finish(() => resolve(line));
        if (child.exitCode !== null || child.signalCode !== null) {
          finish(() => reject(new Error(`server exited before logging '${message}'. stderr:\n${err}\nstdout:\n${out}`)));
        }
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no '${message}' log within ${timeoutMs} ms. stderr:\n${err}`))), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        listeners.delete(check);
        settle();
      };
      listeners.add(check);
      check();
    });

  return { child, logs, stdout: () => out, stderr: () => err, waitForLog, exited };
}

function parseLogLines(text: string): LogLine[] {
  const lines: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      lines.push(JSON.parse(line) as LogLine);
    } catch {
      // A line cut in the middle of a chunk: it is parsed again once complete.
    }
  }
  return lines;
}
