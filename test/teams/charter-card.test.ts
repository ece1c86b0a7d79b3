// The charter card in Teams: `my relationships` in a personal chat, its Save, charter and
// introduction buttons, and the refusal in a channel, through the real endpoint and a fake connector.
import { randomUUID } from 'node:crypto';

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { auditLog, charterAcceptances, charterOptOuts, introductionRequests, members, relationships, tenants } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { addAccount, addContact, addRelationship } from '../charter/helpers.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { cardButtons } from './helpers/scheduler.js';
import { channelConversation, message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

describe('charter card in Teams', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  let tenantId: string;
  let sellerId: string;
  let janeRelationship: string;
  let omarRelationship: string;
  let requestId: string;
  const seller = newSender('Camille Martin');
  const colleague = newSender('Bob Durand');

  /** Posts an activity from a sender and returns what the bot sent and updated. */
  async function post(from: Sender, text: string, options: Parameters<typeof message>[3] = {}) {
    connector.reset();
    const response = await server.post(message(scene, from, text, options));
    expect(response.status).toBe(200);
    return { cards: connector.cards, updates: connector.updates.map((request) => request.body.attachments[0].content), sent: connector.sent };
  }

  /** Sends "my relationships" and returns the card with the id the connector gave its message. */
  async function openCard(from: Sender = seller, locale = 'en-US'): Promise<{ card: any; activityId: string }> {
    const { cards, sent } = await post(from, 'my relationships', { locale });
    expect(cards).toHaveLength(1);
    return { card: cards[0], activityId: sent[0]!.responseId! };
  }

  /** Presses a button of the card, with the inputs given, and returns the card that replaced it. */
  async function press(opened: { card: any; activityId: string }, title: string, inputs: Record<string, string> = {}): Promise<any> {
    const button = cardButtons(opened.card).find((candidate) => candidate.title === title);
    expect(button, `button "${title}"`).toBeDefined();
    const { updates } = await post(seller, '', { value: { ...button.data, ...inputs }, replyToId: opened.activityId });
    expect(updates).toHaveLength(1);
    return updates[0];
  }

  const texts = (card: any): string[] => {
    const found: string[] = [];
    const visit = (element: any) => {
      if (!element || typeof element !== 'object') return;
      if (element.type === 'TextBlock') found.push(element.text);
      for (const value of Object.values(element)) visit(value);
    };
    visit(card);
    return found;
  };
  const choiceSets = (card: any): any[] => {
    const found: any[] = [];
    const visit = (element: any) => {
      if (!element || typeof element !== 'object') return;
      if (element.type === 'Input.ChoiceSet') found.push(element);
      for (const value of Object.values(element)) visit(value);
    };
    visit(card);
    return found;
  };

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);
    await post(seller, 'help');
    await post(colleague, 'help', { locale: 'fr-FR' });
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    tenantId = tenant!.id;
    const memberOf = async (sender: Sender) => (await store.db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.teamsAadObjectId, sender.aadObjectId))))[0]!.id;
    sellerId = await memberOf(seller);

    const acme = await addAccount(store, tenantId, 'Acme Energy');
    const jane = await addContact(store, tenantId, acme, 'Jane Doe');
    const omar = await addContact(store, tenantId, acme, 'Omar Haddad');
    janeRelationship = await addRelationship(store, tenantId, sellerId, jane, 'private');
    omarRelationship = await addRelationship(store, tenantId, sellerId, omar, 'deal_team');
    const [request] = await store.db
      .insert(introductionRequests)
      .values({ tenantId, groupId: randomUUID(), requesterId: await memberOf(colleague), ownerId: sellerId, contactId: jane })
      .returning({ id: introductionRequests.id });
    requestId = request!.id;
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  it('shows standing, relationships and introductions', async () => {
    const { card } = await openCard();
    const all = texts(card);
    expect(all).toContain('Privacy and sharing');
    expect(all.some((text) => /^You have not accepted version \S+ of the relationship charter yet\./.test(text))).toBe(true);
    expect(all).toContain('Your relationships');
    expect(all).toContain('Jane Doe');
    expect(all).toContain('Bob Durand asks for an introduction to Jane Doe (Acme Energy)');

    const sets = choiceSets(card);
    expect(sets.map((set) => [set.id, set.value])).toEqual([
      [`visibility.${janeRelationship}`, 'private'],
      [`visibility.${omarRelationship}`, 'deal_team'],
    ]);
    expect(sets[0].choices.map((choice: any) => choice.title)).toEqual(['Me only', 'My deal team', 'Everyone in our team']);
    const titles = cardButtons(card).map((button) => button.title);
    expect(titles).toEqual(['Accept the charter', 'Opt out of sharing', 'Save visibility', 'Accept', 'Decline']);
  });

  it('saves a changed visibility and audits it', async () => {
    const opened = await openCard();
    const updated = await press(opened, 'Save visibility', { [`visibility.${janeRelationship}`]: 'tenant', [`visibility.${omarRelationship}`]: 'deal_team' });
    expect(texts(updated)[0]).toBe('Your relationship with Jane Doe is now visible to everyone in our team.');
    expect(choiceSets(updated).map((set) => set.value)).toEqual(['tenant', 'deal_team']);

    const stored = await store.db.select().from(relationships).where(eq(relationships.memberId, sellerId));
    expect(Object.fromEntries(stored.map((row) => [row.id, row.visibility]))).toEqual({ [janeRelationship]: 'tenant', [omarRelationship]: 'deal_team' });
    const audit = await store.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, 'relationship.visibility')));
    expect(audit.map((row) => row.targetId)).toEqual([janeRelationship]);
  });

  it('rejects an invalid visibility and stores nothing', async () => {
    const opened = await openCard();
    const updated = await press(opened, 'Save visibility', { [`visibility.${janeRelationship}`]: 'private', [`visibility.${omarRelationship}`]: 'public' });
    expect(texts(updated)[0]).toBe('This visibility is not valid. Open the view again and choose me only, my deal team or everyone in our team.');
    const stored = await store.db.select().from(relationships).where(eq(relationships.memberId, sellerId));
    expect(Object.fromEntries(stored.map((row) => [row.id, row.visibility]))).toEqual({ [janeRelationship]: 'tenant', [omarRelationship]: 'deal_team' });
  });

  it('saves all changes or none', async () => {
    const opened = await openCard();
    const stranger = `visibility.${randomUUID()}`;
    const updated = await press(opened, 'Save visibility', { [`visibility.${janeRelationship}`]: 'private', [stranger]: 'tenant' });
    expect(texts(updated)[0]).toBe('This relationship no longer exists or is not yours. Open the view again to see your current relationships.');
    const [stored] = await store.db.select().from(relationships).where(eq(relationships.id, janeRelationship));
    expect(stored!.visibility).toBe('tenant');
  });

  it('accepts the charter, opts out and shares again', async () => {
    const opened = await openCard();
    const accepted = await press(opened, 'Accept the charter');
    expect(texts(accepted)[0]).toMatch(/^Thank you: you accepted version \S+ of the charter\./);
    expect(cardButtons(accepted).map((button) => button.title)).not.toContain('Accept the charter');
    expect(await store.db.select().from(charterAcceptances).where(eq(charterAcceptances.memberId, sellerId))).toHaveLength(1);

    const optedOut = await press({ card: accepted, activityId: opened.activityId }, 'Opt out of sharing');
    expect(texts(optedOut)[0]).toContain('Done: your relationships are now visible to you alone.');
    expect(texts(optedOut).join('\n')).toContain('You opted out of sharing, so your relationships are visible to you alone.');
    expect(await store.db.select().from(charterOptOuts).where(eq(charterOptOuts.memberId, sellerId))).toHaveLength(1);

    const back = await press({ card: optedOut, activityId: opened.activityId }, 'Share again');
    expect(texts(back)[0]).toBe('Done: your relationships are shared again, each as its visibility says.');
    expect(await store.db.select().from(charterOptOuts).where(eq(charterOptOuts.memberId, sellerId))).toHaveLength(0);
  });

  it('declines an introduction', async () => {
    const opened = await openCard();
    const declined = await press(opened, 'Decline');
    expect(texts(declined)[0]).toBe('Declined. Bob Durand will not learn that it was you.');
    expect(texts(declined)).toContain('No introduction request is waiting for your answer.');
    const [request] = await store.db.select().from(introductionRequests).where(eq(introductionRequests.id, requestId));
    expect(request!.status).toBe('declined');
  });

  it('speaks French to a French member', async () => {
    const { card } = await openCard(colleague, 'fr-FR');
    const all = texts(card);
    expect(all).toContain('Confidentialité et partage');
    expect(all).toContain('Vos relations');
    expect(all).toContain('Vous n’avez encore enregistré aucune relation.');
    expect(all).toContain('Aucune demande de mise en relation n’attend votre réponse.');
    expect(choiceSets(card)).toEqual([]);
  });

  it('refuses to show relationships in a channel', async () => {
    const channel = channelConversation(scene, '19:team@thread.tacv2', '19:channel@thread.tacv2');
    const { cards } = await post(seller, 'my relationships', channel);
    expect(cards).toHaveLength(1);
    expect(texts(cards[0])).toEqual([
      'Your relationships may include private ones, so o2o shows them only in your personal chat with it. Open a chat with o2o and type `my relationships` there.',
    ]);
    expect(JSON.stringify(cards[0])).not.toContain('Jane Doe');
  });

  it('refuses a card button pressed in a channel', async () => {
    const opened = await openCard();
    const button = cardButtons(opened.card).find((candidate) => candidate.title === 'Save visibility');
    const channel = channelConversation(scene, '19:team@thread.tacv2', '19:channel@thread.tacv2');
    const { cards, updates } = await post(seller, '', { ...channel, value: { ...button.data, [`visibility.${janeRelationship}`]: 'private' } });
    expect(updates).toHaveLength(0);
    expect(texts(cards[0])[0]).toContain('o2o shows them only in your personal chat');
    const [stored] = await store.db.select().from(relationships).where(eq(relationships.id, janeRelationship));
    expect(stored!.visibility).toBe('tenant');
  });
});
