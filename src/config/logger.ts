// One pino logger for the process. Secrets are redacted wherever they appear in a log object.
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

export function createLogger(level: string = 'info'): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'o2o' } });
}
