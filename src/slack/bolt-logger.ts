// Bolt's logger interface on top of the process's pino logger, so Slack's own messages share the
// format, level and redaction of every other log line.
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

import type { Logger } from '../config/logger.js';

function toMessage(parts: unknown[]): { err?: unknown; msg: string } {
  const err = parts.find((part) => part instanceof Error);
  const msg = parts
    .filter((part) => part !== err)
    .map((part) => (typeof part === 'string' ? part : safeJson(part)))
    .join(' ');
  return err ? { err, msg } : { msg };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Wraps a pino logger as a Bolt logger; Bolt's level setting is ignored in favour of LOG_LEVEL. */
export function createBoltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...parts: unknown[]) => {
    // Bolt logs at debug on every request: skip formatting what would be dropped.
    if (!child.isLevelEnabled(level)) return;
    const { err, msg } = toMessage(parts);
    if (err) child[level]({ err }, msg);
    else child[level](msg);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => (logger.isLevelEnabled('debug') ? LogLevel.DEBUG : LogLevel.INFO),
    setName: () => {},
  };
}
