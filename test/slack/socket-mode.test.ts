// Socket Mode: with SLACK_APP_TOKEN, o2o opens a WebSocket to the URL that apps.connections.open
// returns, and receives envelopes there instead of HTTP requests.
import type { AddressInfo } from 'node:net';

import { WebSocketServer, type WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { startSlackServer, uniqueIds, type SlackServer } from './helpers/harness.js';

describe('Slack over Socket Mode', () => {
  let store: Store;
  let server: SlackServer;
  let sockets: WebSocketServer;
  const received: Array<Record<string, any>> = [];
  let connection: Promise<WebSocket>;
  const ids = uniqueIds();

  beforeAll(async () => {
    store = await openTestStore();
    sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => sockets.once('listening', () => resolve()));
    connection = new Promise((resolve) => {
      sockets.once('connection', (socket) => {
        socket.on('message', (data) => received.push(JSON.parse(String(data))));
        socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A111' }, debug_info: { host: 'fake' } }));
        resolve(socket);
      });
    });
    const socketUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/`;
    server = await startSlackServer({ store, env: { SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-test-token' }, prepare: (fake) => (fake.socketUrl = socketUrl) });
    server.fake.users.set('W111', { id: 'W111', name: 'Hélène Caron', locale: 'fr-FR' });
  });

  afterAll(async () => {
    await server.close();
    for (const client of sockets.clients) client.terminate();
    await new Promise<void>((resolve) => sockets.close(() => resolve()));
    await store.close();
  });

  it('opens the connection with the app-level token', async () => {
    await connection;
    const open = server.fake.callsTo('apps.connections.open')[0];
    expect(open?.token).toBe('xapp-test-token');
  });

  it('acknowledges a slash command envelope and answers through its response_url', async () => {
    const socket = await connection;
    const payload = { command: '/o2o', text: 'help', user_id: 'W111', user_name: 'helene', team_id: ids.team, team_domain: 'northwind', channel_id: 'C111', response_url: server.fake.responseUrl('socket'), trigger_id: '1.2.3', api_app_id: 'A111' };
    socket.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', payload, accepts_response_payload: true }));
    const answer = await server.fake.waitFor('response_url', (call) => call.target === 'socket');
    expect(answer.params.text).toBe('Tapez help pour lister les commandes.');
    expect(received.find((message) => message.envelope_id === 'env-1')).toBeDefined();
  });

  it('does not serve HTTP requests on /slack/events', async () => {
    const response = await fetch(`${server.url}/slack/events`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(404);
  });
});

describe('Slack over Socket Mode with a refused token', () => {
  it('logs the failure and keeps the server up', async () => {
    const store = await openTestStore();
    const server = await startSlackServer({ store, env: { SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: 'xapp-refused' } });
    try {
      for (let attempt = 0; attempt < 200 && !server.logs.some((line) => line.msg?.startsWith('Slack Socket Mode connection failed')); attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(server.logs.find((line) => line.msg?.startsWith('Slack Socket Mode connection failed'))?.level).toBe(50);
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
    } finally {
      await server.close();
      await store.close();
    }
  });
});
