import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { fixture, newScene, startTeamsServer, type TeamsServer } from './helpers/teams-server.js';

const APP_ID = '3f2b6f4e-1c1d-4c7a-9d5e-5b1f0c2a7e11';

describe('Teams endpoint authentication', () => {
  let store: Store;
  let connector: FakeConnector;
  const servers: TeamsServer[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
  });

  afterAll(async () => {
    for (const server of servers) await server.close();
    await connector.stop();
    await store.close();
  });

  async function start(env: Record<string, string>): Promise<TeamsServer> {
    const server = await startTeamsServer(store, env);
    servers.push(server);
    return server;
  }

  it('rejects every request without credentials or local mode', async () => {
    const server = await start({});
    const response = await server.post(fixture('personal-chat-message', newScene(connector.url)));
    expect(response.status).toBe(401);
    expect(connector.requests).toHaveLength(0);
  });

  it('says in the log that Teams is disabled', async () => {
    const server = await start({ TEAMS_LOCAL_MODE: 'false' });
    const line = server.logs.find((entry) => entry.msg.startsWith('Teams is not configured'));
    expect(line).toBeDefined();
  });

  it('rejects an unauthenticated request when credentials are set', async () => {
    const server = await start({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'not-a-real-secret' });
    const response = await server.post(fixture('personal-chat-message', newScene(connector.url)));
    expect(response.status).toBe(401);
    expect(connector.requests).toHaveLength(0);
    expect(server.logs.some((entry) => entry.msg === 'Teams request rejected: not authenticated')).toBe(true);
  });

  it('does not log the app password', async () => {
    const server = await start({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'do-not-log-this-secret' });
    await server.post(fixture('personal-chat-message', newScene(connector.url)));
    expect(JSON.stringify(server.logs)).not.toContain('do-not-log-this-secret');
  });

  it('accepts unauthenticated requests in local mode', async () => {
    const server = await start({ TEAMS_LOCAL_MODE: 'true' });
    connector.reset();
    const response = await server.post(fixture('personal-chat-message', newScene(connector.url)));
    expect(response.status).toBe(200);
    expect(connector.sent).toHaveLength(1);
    expect(server.logs.some((entry) => entry.msg.startsWith('Teams local mode'))).toBe(true);
  });

  it('answers 400 to a body that is not an activity', async () => {
    const server = await start({ TEAMS_LOCAL_MODE: 'true' });
    const response = await server.post({ text: 'no type' });
    expect(response.status).toBe(400);
  });
});
