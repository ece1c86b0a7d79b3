// The real HTTP server with Teams mounted, on 127.0.0.1 and a free port, logging into an array.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

import pino from 'pino';

import type { Runtime } from '../../../src/app/runtime.js';
import { loadEnv } from '../../../src/config/env.js';
import { startHttpServer, type HttpServer } from '../../../src/server/app.js';
import type { Store } from '../../../src/store/database.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface TeamsServer {
  url: string;
  logs: LogLine[];
  runtime: Runtime;
  /** Posts an activity to /api/messages; returns the status and the JSON body, if any. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** Starts the server on a test store; Teams runs in local mode unless `env` sets otherwise. */
export async function startTeamsServer(store: Store, env: Record<string, string> = { TEAMS_LOCAL_MODE: 'true' }): Promise<TeamsServer> {
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const runtime: Runtime = {
    env: loadEnv({ HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'debug', ...env }),
    logger,
    store,
    close: async () => undefined,
  };
  const http: HttpServer = await startHttpServer(runtime);
  const url = `http://127.0.0.1:${http.port}`;
  return {
    url,
    logs,
    runtime,
    async post(activity, headers = {}) {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    close: () => http.close(100),
  };
}

const FIXTURE_TENANTS = ['6e54e2c6-1999-1787-2794-18b3a0da87be', '08388235-929f-595c-4189-94b2f4cfc018'];

/** Ids that make one test file's activities its own: a fresh Entra tenant and the fake connector. */
export interface Scene {
  tenantId: string;
  serviceUrl: string;
}

export function newScene(serviceUrl: string): Scene {
  return { tenantId: randomUUID(), serviceUrl };
}

/**
 * Loads a recorded activity with the scene's tenant and service URL, and a fresh activity id (the
 * store remembers handled deliveries, and a Postgres test database outlives a run).
 */
export function fixture(name: string, scene: Scene): any {
  let text = readFileSync(path.resolve('test/teams/fixtures', `${name}.json`), 'utf8');
  for (const tenant of FIXTURE_TENANTS) text = text.split(tenant).join(scene.tenantId);
  const activity = JSON.parse(text);
  activity.serviceUrl = scene.serviceUrl;
  activity.id = `f:${randomUUID()}`;
  return activity;
}

export const BOT = { id: '28:77fc1f4a-5b58-637f-6686-344589787155', name: 'o2o' };

export interface Sender {
  id: string;
  name: string;
  aadObjectId: string;
}

export function newSender(name: string): Sender {
  return { id: `29:${randomUUID()}`, name, aadObjectId: randomUUID() };
}

/** Builds a message in the sender's personal chat with the bot (or in `conversation` when given). */
export function message(scene: Scene, from: Sender, text: string, options: { locale?: string; conversation?: Record<string, unknown>; entities?: unknown[]; value?: unknown; replyToId?: string; channelData?: Record<string, unknown> } = {}): any {
  return {
    type: 'message',
    id: `f:${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: scene.serviceUrl,
    timestamp: new Date().toISOString(),
    locale: options.locale ?? 'en-US',
    ...(text && { text }),
    ...(options.value !== undefined && { value: options.value }),
    ...(options.replyToId && { replyToId: options.replyToId }),
    ...(options.entities && { entities: options.entities }),
    from,
    recipient: BOT,
    conversation: options.conversation ?? { id: `a:${from.aadObjectId}`, conversationType: 'personal', tenantId: scene.tenantId },
    channelData: options.channelData ?? { tenant: { id: scene.tenantId } },
  };
}

/** Builds a channel conversation of a team, as Teams sends it for a message in a thread. */
export function channelConversation(scene: Scene, teamId: string, channelId: string): { conversation: Record<string, unknown>; channelData: Record<string, unknown> } {
  return {
    conversation: { id: `${channelId};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true, tenantId: scene.tenantId },
    channelData: { tenant: { id: scene.tenantId }, team: { id: teamId }, channel: { id: channelId } },
  };
}

/** Waits until `check` holds, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
