// One pino logger for the process. Secrets are redacted wherever they appear in a log object,
// and every line written while a request is handled carries that request's id.
import { AsyncLocalStorage } from 'node:async_hooks';

import pino, { type Logger } from 'pino';

export type { Logger };

const REDACTED_PATHS = [
  'token',
  'botToken',
  'signingSecret',
  'clientSecret',
  'password',
  'databaseUrl',
  '*.token',
  '*.botToken',
  '*.signingSecret',
  '*.clientSecret',
  '*.password',
  '*.databaseUrl',
  'headers.authorization',
  'req.headers.authorization',
];

/** Fields added to every log line written inside {@link runWithLogContext}. */
export interface LogContext {
  requestId: string;
}

const logContext = new AsyncLocalStorage<LogContext>();

/** Runs `task` so that every log line it writes, even through another logger child, carries `context`. */
export function runWithLogContext<T>(context: LogContext, task: () => T): T {
  return logContext.run(context, task);
}

/** Creates the process logger; `destination` defaults to standard output. */
export function createLogger(level: string = 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'o2o' },
    mixin: () => logContext.getStore() ?? {},
  };
  return destination ? pino(options, destination) : pino(options);
}
