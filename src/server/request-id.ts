// Request ids: honour an incoming X-Request-Id, else make one; echo it, and let every log line
// written while the request runs carry it.
import { randomUUID } from 'node:crypto';

import type { NextFunction, Request, Response } from 'express';

import { runWithLogContext, type Logger } from '../config/logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';
// Longer or stranger incoming ids are replaced, so a caller cannot flood or forge log lines.
const ACCEPTED_ID = /^[\w.:-]{1,128}$/;

export interface RequestLocals {
  requestId: string;
  /** The process logger; lines written while the request runs carry its id. */
  logger: Logger;
}

/** Express middleware that sets `response.locals.requestId` and `response.locals.logger`. */
export function requestIds(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const incoming = request.get(REQUEST_ID_HEADER);
    const requestId = incoming && ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    response.locals.requestId = requestId;
    response.locals.logger = logger;
    runWithLogContext({ requestId }, next);
  };
}

/** Logs one line per finished request: method, path without query, status and duration. No body, no headers. */
export function accessLog() {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const log = (response.locals as Partial<RequestLocals>).logger;
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: request.method, path: request.path, status: response.statusCode, durationMs: Math.round(durationMs) };
      if (response.statusCode >= 500) log?.warn(line, 'request failed');
      else log?.debug(line, 'request handled');
    });
    next();
  };
}
