// Starts the real o2o Express app (src/server/app.ts) with Slack on, on 127.0.0.1 with a free
// port and its Web API pointed at a fake Slack. Sends requests signed as Slack signs them.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';

import { eq } from 'drizzle-orm';
import pino from 'pino';

import type { Runtime } from '../../../src/app/runtime.js';
import { ensureTenant } from '../../../src/app/tenants.js';
import { loadEnv } from '../../../src/config/env.js';
import { createApp } from '../../../src/server/app.js';
import type { Store } from '../../../src/store/database.js';
import { tenants, type Tenant } from '../../../src/store/schema.js';
import { startFakeSlack, type FakeSlack } from './fake-slack.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789';

export interface SlackServer {
  url: string;
  fake: FakeSlack;
  runtime: Runtime;
  /** Log lines the server wrote, parsed. */
  logs: Array<Record<string, any>>;
  close(): Promise<void>;
}

export interface ServerOptions {
  store: Store;
  env?: Record<string, string>;
  /** Runs before the app starts, to set up Slack's responses at start-up. */
  prepare?: (fake: FakeSlack) => void;
}

/** Starts the server with Slack in single-workspace HTTP mode, unless `env` sets another mode. */
export async function startSlackServer(options: ServerOptions): Promise<SlackServer> {
  const fake = await startFakeSlack();
  options.prepare?.(fake);
  const logs: Array<Record<string, any>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: 'debug', base: { app: 'o2o' } }, sink);
  const env = loadEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    DEFAULT_LOCALE: 'en',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  const runtime: Runtime = { env, logger, store: options.store, close: async () => {} };
  const app = await createApp(runtime);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    fake,
    runtime,
    logs,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

/** Computes the v0 signature of a body, as Slack does. */
export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SendOptions {
  contentType?: 'form' | 'json';
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  /** Replaces the signature header; null leaves it out. */
  signature?: string | null;
  secret?: string;
  retryNum?: number;
  path?: string;
}

export async function sendSigned(server: SlackServer, body: string, options: SendOptions = {}): Promise<{ status: number; text: string }> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': options.contentType === 'json' ? 'application/json' : 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': String(timestamp),
  };
  const signed = options.signature === undefined ? signature(body, timestamp, options.secret) : options.signature;
  if (signed !== null) headers['X-Slack-Signature'] = signed;
  if (options.retryNum !== undefined) {
    headers['X-Slack-Retry-Num'] = String(options.retryNum);
    headers['X-Slack-Retry-Reason'] = 'http_timeout';
  }
  const response = await fetch(`${server.url}${options.path ?? '/slack/events'}`, { method: 'POST', headers, body });
  return { status: response.status, text: await response.text() };
}

const fixtureDir = new URL('../fixtures/', import.meta.url);

export function fixtureText(name: string): string {
  return readFileSync(new URL(name, fixtureDir), 'utf8');
}

/** Loads a recorded payload, its workspace and organisation ids replaced by this test's own. */
export function fixtureJson<T = any>(name: string, ids: TestIds): T {
  return JSON.parse(withIds(fixtureText(name), ids)) as T;
}

export function withIds(text: string, ids: TestIds): string {
  return text.replaceAll('T111', ids.team).replaceAll('E111', ids.enterprise);
}

export interface TestIds {
  team: string;
  enterprise: string;
}

/** Workspace and organisation ids unique to one test file, so files can share one database. */
export function uniqueIds(): TestIds {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase();
  return { team: `T${suffix}`, enterprise: `E${suffix}` };
}

export async function tenantByKey(store: Store, key: string): Promise<Tenant | undefined> {
  const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, key));
  return tenant;
}

export function ensureWorkspaceTenant(store: Store, teamId: string, defaultLocale: 'en' | 'fr' = 'en'): Promise<Tenant> {
  return ensureTenant(store.db, `slack:${teamId}`, { name: teamId, defaultLocale });
}

/** Polls until `check` returns a value other than undefined. */
export async function eventually<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
