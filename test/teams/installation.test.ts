import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { members, teamsConversations, tenants } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { fixture, newScene, startTeamsServer, type Scene, type TeamsServer } from './helpers/teams-server.js';

const TEAM_ID = '19:8d46058cda57449380517cc374727f2a@thread.tacv2';
const INSTALLER = 'c2948c09-31a5-9cd7-acc1-aad6d40a897a';

describe('Teams installation', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  async function tenantOf(scene: Scene) {
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    return tenant!;
  }

  async function conversationsOf(scene: Scene) {
    const tenant = await tenantOf(scene);
    return store.db.select().from(teamsConversations).where(eq(teamsConversations.tenantId, tenant.id));
  }

  it('stores the personal chat and its member on install', async () => {
    const scene = newScene(connector.url);
    const response = await server.post(fixture('bot-installed-personal', scene));
    expect(response.status).toBe(200);

    const tenant = await tenantOf(scene);
    const [member] = await store.db.select().from(members).where(and(eq(members.tenantId, tenant.id), eq(members.teamsAadObjectId, INSTALLER)));
    expect(member).toBeDefined();
    const [conversation] = await conversationsOf(scene);
    expect(conversation?.conversationType).toBe('personal');
    expect(conversation?.memberId).toBe(member!.id);
    expect(conversation?.serviceUrl).toBe(connector.url);
  });

  it('welcomes the installer in English by default', async () => {
    connector.reset();
    await server.post(fixture('bot-installed-personal', newScene(connector.url)));
    const card = connector.cards[0];
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(JSON.stringify(card)).toContain('Hello, I am o2o');
  });

  it('welcomes in French when the activity is in French', async () => {
    connector.reset();
    const activity = fixture('bot-installed-personal', newScene(connector.url));
    activity.locale = 'fr-FR';
    await server.post(activity);
    expect(JSON.stringify(connector.cards[0])).toContain('Bonjour, je suis o2o');
  });

  it('stores the team channel on install in a team', async () => {
    const scene = newScene(connector.url);
    await server.post(fixture('bot-added-to-team', scene));
    const [conversation] = await conversationsOf(scene);
    expect(conversation?.conversationType).toBe('channel');
    expect(conversation?.teamId).toBe(TEAM_ID);
    expect(conversation?.channelId).toBe(TEAM_ID);
    expect(conversation?.memberId).toBeNull();
  });

  it('deletes the team references when removed from the team', async () => {
    const scene = newScene(connector.url);
    await server.post(fixture('bot-added-to-team', scene));
    expect(await conversationsOf(scene)).toHaveLength(1);

    const response = await server.post(fixture('bot-removed-from-team', scene));
    expect(response.status).toBe(200);
    expect(await conversationsOf(scene)).toHaveLength(0);
  });

  it('deletes the personal chat on installationUpdate remove', async () => {
    const scene = newScene(connector.url);
    const installed = fixture('bot-installed-personal', scene);
    await server.post(installed);
    expect(await conversationsOf(scene)).toHaveLength(1);

    const removal = { ...installed, id: `f:${Date.now()}`, type: 'installationUpdate', action: 'remove' };
    delete removal.membersAdded;
    await server.post(removal);
    expect(await conversationsOf(scene)).toHaveLength(0);
  });

  it('ignores a member other than the bot joining', async () => {
    const scene = newScene(connector.url);
    const activity = fixture('bot-added-to-team', scene);
    activity.membersAdded = [{ id: '29:someone-else' }];
    connector.reset();
    await server.post(activity);
    expect(connector.sent).toHaveLength(0);
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    expect(tenant).toBeUndefined();
  });
});
