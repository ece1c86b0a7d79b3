// Who may run admin-only commands from Teams: the people whose object id or e-mail is listed in
// O2O_ADMINS; other members get the translated rejection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

describe('Teams admins', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  const admin: Sender = newSender('Ada Admin');
  const member: Sender = newSender('Bob Durand');

  async function say(from: Sender, text: string, locale = 'en-US'): Promise<string> {
    connector.reset();
    const response = await server.post(message(scene, from, text, { locale }));
    expect(response.status).toBe(200);
    return JSON.stringify(connector.cards);
  }

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store, { TEAMS_LOCAL_MODE: 'true', O2O_ADMINS: admin.aadObjectId.toUpperCase() });
    scene = newScene(connector.url);
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  it('rejects audit from an unlisted member', async () => {
    expect(await say(member, 'audit')).toContain('Only an o2o admin can do that.');
  });

  it('rejects in French', async () => {
    expect(await say(member, 'audit', 'fr-FR')).toContain('Seul un administrateur o2o peut faire cela.');
  });

  it('lets a listed object id read the audit', async () => {
    const answer = await say(admin, 'audit');
    expect(answer).not.toContain('Only an o2o admin');
    expect(connector.cards.length).toBeGreaterThan(0);
  });
});
