import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { fixture, message, newScene, newSender, startTeamsServer, type Scene, type TeamsServer } from './helpers/teams-server.js';

// Whether the store is closed (PGlite) or its connections ended (Postgres), the user hears that nothing was saved.
const NOTHING_SAVED = /nothing was saved|rien n’a été enregistré/;

describe('Teams with the store down', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  const seller = newSender('Camille Martin');

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);
    await store.close();
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
  });

  it('answers a command that nothing was saved', async () => {
    connector.reset();
    const response = await server.post(message(scene, seller, 'know "Jane Doe" at Acme strength 4'));
    expect(response.status).toBe(200);
    const [card] = connector.cards;
    expect(card.body[0].color).toBe('Attention');
    expect(card.body[0].text).toMatch(NOTHING_SAVED);
  });

  it('answers in French when the client is French', async () => {
    connector.reset();
    await server.post(message(scene, seller, 'help', { locale: 'fr-FR' }));
    expect(connector.cards[0].body[0].text).toMatch(/rien n’a été enregistré/);
  });

  it('logs the failure with the command', async () => {
    const line = server.logs.find((entry) => entry.level >= 50 && entry.command === 'know');
    expect(line).toBeDefined();
    expect(line?.entraTenant).toBe(scene.tenantId);
    expect(line?.aadUser).toBe(seller.aadObjectId);
    expect(JSON.stringify(server.logs)).not.toContain('Jane Doe');
  });

  it('still opens the message-extension dialog', async () => {
    const invoke = fixture('fetch-task-from-channel-message', scene);
    const response = await server.post(invoke);
    expect(response.status).toBe(200);
    expect(response.body.task.type).toBe('continue');
  });

  it('keeps the form and says nothing was saved on submit', async () => {
    const invoke = fixture('fetch-task-from-channel-message', scene);
    invoke.name = 'composeExtension/submitAction';
    invoke.value.data = { verb: 'o2o.form', form: 'contact', account: 'Acme', name: 'Jane Doe' };
    const response = await server.post(invoke);
    const card = response.body.task.value.card.content;
    expect(JSON.stringify(card)).toMatch(NOTHING_SAVED);
    expect(card.body.find((element: any) => element.id === 'name').value).toBe('Jane Doe');
  });
});
