// Signed requests through the real Bolt receiver: signature checks, the url_verification
// handshake, retried events, and what a user sees when the store is down.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { openStore } from '../../src/store/database.js';
import { members, processedDeliveries } from '../../src/store/schema.js';
import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { fixtureJson, sendSigned, signature, startSlackServer, tenantByKey, uniqueIds, type SlackServer } from './helpers/harness.js';
import { appHomeOpened, slashCommand, USER } from './helpers/payloads.js';

describe('Slack requests', () => {
  let store: Store;
  let server: SlackServer;
  const ids = uniqueIds();

  beforeAll(async () => {
    store = await openTestStore();
    server = await startSlackServer({ store });
    server.fake.users.set(USER, { id: USER, name: 'Hélène Caron', email: 'helene.caron@northwind.example', locale: 'en-GB' });
  });

  afterAll(async () => {
    await server.close();
    await store.close();
  });

  beforeEach(() => server.fake.reset());

  describe('signature', () => {
    const body = () => slashCommand(ids, 'help', { responseUrl: server.fake.responseUrl() });

    it('rejects a missing signature with 401', async () => {
      const response = await sendSigned(server, body(), { signature: null });
      expect(response.status).toBe(401);
    });

    it('rejects a wrong signature with 401', async () => {
      const response = await sendSigned(server, body(), { secret: 'another-secret-0123456789' });
      expect(response.status).toBe(401);
    });

    it('rejects a forged body with a reused signature', async () => {
      const timestamp = Math.floor(Date.now() / 1000);
      const original = body();
      const response = await sendSigned(server, original.replace('help', 'who'), { timestamp, signature: signature(original, timestamp) });
      expect(response.status).toBe(401);
    });

    it('rejects a stale timestamp with 401', async () => {
      const response = await sendSigned(server, body(), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
      expect(response.status).toBe(401);
    });

    it('touches nothing when the signature is wrong', async () => {
      await sendSigned(server, body(), { signature: 'v0=0000' });
      await sendSigned(server, body(), { signature: null });
      expect(await tenantByKey(store, `slack:${ids.team}`)).toBeUndefined();
      expect(server.fake.calls).toEqual([]);
    });

    it('accepts a correctly signed request', async () => {
      const response = await sendSigned(server, body());
      expect(response.status).toBe(200);
      await server.fake.waitFor('response_url');
    });
  });

  it('answers the url_verification handshake', async () => {
    const handshake = JSON.stringify(fixtureJson('url_verification.json', ids));
    const response = await sendSigned(server, handshake, { contentType: 'json' });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('processes a retried event once', async () => {
    const eventId = `Ev${ids.team}retry`;
    const first = await sendSigned(server, appHomeOpened(ids, 'home', { eventId }), { contentType: 'json' });
    expect(first.status).toBe(200);
    await server.fake.waitFor('views.publish');

    const retry = await sendSigned(server, appHomeOpened(ids, 'home', { eventId }), { contentType: 'json', retryNum: 1 });
    expect(retry.status).toBe(200);
    // Give a second delivery the time to run, had it been let through.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.fake.callsTo('views.publish')).toHaveLength(1);
    const [claimed] = await store.db.select({ n: count() }).from(processedDeliveries).where(eq(processedDeliveries.deliveryId, eventId));
    expect(Number(claimed!.n)).toBe(1);
  });

  it('registers the user as a member on first use', async () => {
    const newcomer = 'W222';
    server.fake.users.set(newcomer, { id: newcomer, name: 'Siobhan Kelly', email: 'siobhan.kelly@northwind.example', locale: 'en-GB' });
    await sendSigned(server, slashCommand(ids, 'help', { user: newcomer, responseUrl: server.fake.responseUrl() }));
    await server.fake.waitFor('response_url');
    const tenant = await tenantByKey(store, `slack:${ids.team}`);
    expect(tenant).toBeDefined();
    const [member] = await store.db.select().from(members).where(and(eq(members.tenantId, tenant!.id), eq(members.slackUserId, newcomer)));
    expect(member?.name).toBe('Siobhan Kelly');
    expect(member?.email).toBe('siobhan.kelly@northwind.example');
    expect(member?.locale).toBe('en-GB');
    expect(member?.timeZone).toBe('Europe/London');
    const info = server.fake.callsTo('users.info')[0];
    expect(info?.params.include_locale).toBe('true');
  });

  it('logs the team, user and command but not the text', async () => {
    await sendSigned(server, slashCommand(ids, 'who "Secret Account Name"', { responseUrl: server.fake.responseUrl() }));
    await server.fake.waitFor('response_url');
    // The line is logged just after the response is posted, so it may trail the fake's record.
    const handled = await waitForLog(server.logs, (line) => line.msg === 'Slack command handled' && line.command === 'who');
    expect(handled).toMatchObject({ team: ids.team, user: USER, command: 'who' });
    const infoLines = server.logs.filter((line) => line.level >= 30).map((line) => JSON.stringify(line));
    expect(infoLines.some((line) => line.includes('Secret Account Name'))).toBe(false);
  });
});

describe('Slack with the store down', () => {
  let store: Store;
  let server: SlackServer;
  const ids = uniqueIds();

  beforeAll(async () => {
    // Nothing listens on port 9 of 127.0.0.1, so every query fails to connect.
    store = await openStore({ databaseUrl: 'postgres://o2o@127.0.0.1:9/none', maxConnections: 2 });
    server = await startSlackServer({ store });
  });

  afterAll(async () => {
    await server.close();
    await store.close().catch(() => {});
  });

  it('says nothing was saved and keeps serving', async () => {
    await sendSigned(server, slashCommand(ids, 'know Théo Nguyen at Acme strength 4', { responseUrl: server.fake.responseUrl() }));
    const answer = await server.fake.waitFor('response_url');
    expect(answer.params.text).toBe('The database cannot be reached, so nothing was saved. Try again in a minute.');
    expect(answer.params.response_type).toBe('ephemeral');

    const readiness = await fetch(`${server.url}/readyz`);
    expect(readiness.status).toBe(503);
    const again = await sendSigned(server, slashCommand(ids, 'help', { responseUrl: server.fake.responseUrl('r2') }));
    expect(again.status).toBe(200);
    await server.fake.waitFor('response_url', (call) => call.target === 'r2');
  });

  it('logs the outage with the team, user and command', async () => {
    const line = await (async () => {
      for (let attempt = 0; attempt < 100; attempt++) {
        const found = server.logs.find((entry) => entry.msg === 'Slack request failed: store unavailable');
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return undefined;
    })();
    expect(line).toMatchObject({ team: ids.team, user: USER, command: 'know' });
  });
});

async function waitForLog(logs: Array<Record<string, any>>, matches: (line: Record<string, any>) => boolean, timeoutMs = 5_000): Promise<Record<string, any> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = logs.find(matches);
    if (found || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
