import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { members, teamsConversations, tenants } from '../../src/store/schema.js';
import { createTeamsAdapter } from '../../src/teams/adapter.js';
import { emptyCard, textBlock } from '../../src/teams/cards/reply-card.js';
import { createProactiveSender, type SendProactiveCard } from '../../src/teams/proactive.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { createLogger } from '../../src/config/logger.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { fixture, newScene, newSender, startTeamsServer, message, type Scene, type TeamsServer } from './helpers/teams-server.js';

const TEAM_CHANNEL = '19:8d46058cda57449380517cc374727f2a@thread.tacv2';
const INSTALLER = 'c2948c09-31a5-9cd7-acc1-aad6d40a897a';
const card = emptyCard([textBlock('Weekly digest')]);

describe('proactive Teams cards', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let send: SendProactiveCard;
  const waits: number[] = [];

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    send = createProactiveSender({
      adapter: createTeamsAdapter({ mode: 'local' }),
      botAppId: '',
      db: store.db,
      logger: createLogger('silent'),
      retryPolicy: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 40 },
      wait: async (ms) => void waits.push(ms),
    });
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  async function installedScene(): Promise<{ scene: Scene; tenantId: string; memberId: string }> {
    const scene = newScene(connector.url);
    await server.post(fixture('bot-installed-personal', scene));
    await server.post(fixture('bot-added-to-team', scene));
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    const [member] = await store.db.select().from(members).where(eq(members.tenantId, tenant!.id));
    return { scene, tenantId: tenant!.id, memberId: member!.id };
  }

  it('sends to a member in their personal chat', async () => {
    const { tenantId, memberId } = await installedScene();
    connector.reset();
    const outcome = await send(tenantId, { type: 'member', memberId }, card, 'Weekly digest');
    expect(outcome.status).toBe('sent');
    expect(connector.sent).toHaveLength(1);
    expect(connector.sent[0]!.conversationId).toMatch(/^a:/);
    expect(connector.cards[0]).toEqual(card);
  });

  it('posts in a team channel', async () => {
    const { tenantId } = await installedScene();
    connector.reset();
    const outcome = await send(tenantId, { type: 'channel', channelId: TEAM_CHANNEL }, card);
    expect(outcome.status).toBe('sent');
    expect(connector.sent[0]!.conversationId).toBe(TEAM_CHANNEL);
  });

  it('opens a personal chat for a member who has none on record', async () => {
    const { scene, tenantId } = await installedScene();
    const colleague = newSender('Bob Durand');
    await server.post(message(scene, colleague, 'help', { conversation: { id: TEAM_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: scene.tenantId }, channelData: { tenant: { id: scene.tenantId }, team: { id: TEAM_CHANNEL }, channel: { id: TEAM_CHANNEL } } }));
    const [member] = await store.db.select().from(members).where(eq(members.teamsAadObjectId, colleague.aadObjectId));

    connector.reset();
    const outcome = await send(tenantId, { type: 'member', memberId: member!.id }, card);
    expect(outcome.status).toBe('sent');
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]!.body.members).toEqual([{ id: colleague.aadObjectId, name: '' }]);
    expect(connector.created[0]!.body.tenantId).toBe(scene.tenantId);
    const stored = await store.db.select().from(teamsConversations).where(eq(teamsConversations.memberId, member!.id));
    expect(stored).toHaveLength(1);
  });

  it('deletes the reference when the bot was blocked', async () => {
    const { tenantId, memberId } = await installedScene();
    connector.reset();
    connector.failNext(403);
    const outcome = await send(tenantId, { type: 'member', memberId }, card);
    expect(outcome.status).toBe('removed');
    const stored = await store.db.select().from(teamsConversations).where(eq(teamsConversations.memberId, memberId));
    expect(stored).toHaveLength(0);
  });

  it('retries a throttled send with growing delays', async () => {
    const { tenantId, memberId } = await installedScene();
    connector.reset();
    waits.length = 0;
    // botbuilder's client makes 4 attempts per send; the fifth request succeeds.
    connector.failNext(429, 4);
    const outcome = await send(tenantId, { type: 'member', memberId }, card);
    expect(outcome.status).toBe('sent');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(5);
    expect(waits[0]).toBeLessThanOrEqual(10);
  });

  it('gives up after a bounded number of attempts', async () => {
    const { tenantId, memberId } = await installedScene();
    connector.reset();
    waits.length = 0;
    connector.failNext(429, 100);
    const outcome = await send(tenantId, { type: 'member', memberId }, card);
    connector.clearFailures();
    expect(outcome).toEqual({ status: 'rate_limited', attempts: 3 });
    expect(waits).toHaveLength(2);
    expect(connector.requests.length).toBeLessThanOrEqual(12);
  });

  it('reports a target with no conversation', async () => {
    const { tenantId } = await installedScene();
    const outcome = await send(tenantId, { type: 'channel', channelId: '19:unknown@thread.tacv2' }, card);
    expect(outcome.status).toBe('no_conversation');
  });

  it('keeps the installer as the personal chat member', async () => {
    const { tenantId } = await installedScene();
    const [member] = await store.db.select().from(members).where(eq(members.tenantId, tenantId));
    expect(member!.teamsAadObjectId).toBe(INSTALLER);
  });
});
