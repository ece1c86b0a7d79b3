import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { logActionValue, mapActionValue } from '../../src/app/deals/actions.js';
import { createDeal } from '../../src/app/deals.js';
import { addCommitteeMember, addTeamMember } from '../../src/app/deals/people.js';
import { logRelationship } from '../../src/app/relationships.js';
import { runTick } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/database.js';
import { contacts, digestSubscriptions, interactions, members, outboundMessages, outreachAssignments, tenants } from '../../src/store/schema.js';
import { findChannelConversation } from '../../src/teams/conversations.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { testContext } from '../helpers/store.js';
import { FakeConnector, type RecordedRequest } from './helpers/fake-connector.js';
import { cardButtons, cardText, fakeClock, openSchedulerStore, teamsJobDeps } from './helpers/scheduler.js';
import { BOT, channelConversation, message, newScene, newSender, startTeamsServer, type Scene, type TeamsServer } from './helpers/teams-server.js';

const TEAM = '19:team@thread.tacv2';
const ENGLISH_CHANNEL = '19:deals-en@thread.tacv2';
const FRENCH_CHANNEL = '19:deals-fr@thread.tacv2';
const botMention = { type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT };

describe('coverage digests in Teams', () => {
  let opened: Awaited<ReturnType<typeof openSchedulerStore>>;
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  let tenantId: string;
  let dealId: string;
  let janeId: string;
  let sellerId: string;
  // The digest card with an "Assign" button, as posted to the English channel.
  let posted: RecordedRequest;
  const seller = newSender('Camille Martin');

  /** Posts a message of the seller in a channel, the bot mentioned, and returns the cards sent back. */
  async function sayInChannel(channelId: string, text: string, locale = 'en-US') {
    connector.reset();
    const { conversation, channelData } = channelConversation(scene, TEAM, channelId);
    const response = await server.post(message(scene, seller, `<at>${BOT.name}</at> ${text}`, { conversation, channelData, entities: [botMention], locale }));
    expect(response.status).toBe(200);
    return connector.cards;
  }

  /** Clicks a button of a card posted in a channel, as Teams sends it: a message with the button's data. */
  async function click(channelId: string, data: unknown, cardActivityId: string) {
    connector.reset();
    const conversation = { id: `${channelId};messageid=${cardActivityId}`, conversationType: 'channel', isGroup: true, tenantId: scene.tenantId };
    const channelData = { tenant: { id: scene.tenantId }, team: { id: TEAM }, channel: { id: channelId } };
    const response = await server.post(message(scene, seller, '', { value: data, replyToId: cardActivityId, conversation, channelData }));
    expect(response.status).toBe(200);
  }

  beforeAll(async () => {
    opened = await openSchedulerStore('o2o_teams_digests');
    store = opened.store;
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);

    await server.post(message(scene, seller, 'contact add "Jane Doe" at Acme Energy title CFO'));
    await server.post(message(scene, seller, 'contact add "Marc Petit" at Acme Energy title CTO'));
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    tenantId = tenant!.id;
    // No planned update requests: the scheduler only posts digests here.
    await store.db.update(tenants).set({ settings: { updateRequests: { weeklyCap: 0 } } }).where(eq(tenants.id, tenantId));
    const [member] = await store.db.select().from(members).where(eq(members.tenantId, tenantId));
    sellerId = member!.id;
    const people = await store.db.select().from(contacts).where(eq(contacts.tenantId, tenantId));
    janeId = people.find((person) => person.name === 'Jane Doe')!.id;
    const marcId = people.find((person) => person.name === 'Marc Petit')!.id;

    const ctx = testContext(store, tenantId, { actor: { memberId: sellerId, name: seller.name } });
    dealId = (await createDeal(ctx, { account: 'Acme Energy', name: 'Grid Modernisation', expectedCloseOn: '2027-03-31' })).id;
    await addTeamMember(ctx, { dealId, memberId: sellerId, role: 'account_executive' });
    await addCommitteeMember(ctx, { dealId, contactId: janeId, role: 'economic_buyer', influence: 'high' });
    await addCommitteeMember(ctx, { dealId, contactId: marcId, role: 'champion', influence: 'high' });
    await logRelationship(ctx, { memberId: sellerId, contactId: janeId, strength: 2, lastContactOn: '2026-05-04' });
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await opened.close();
  });

  it('subscribes a channel with the reference the sender posts to', async () => {
    const [card] = await sayInChannel(ENGLISH_CHANNEL, 'digest subscribe Acme Energy');
    expect(cardText(card)).toContain('This channel will get the coverage digest of Acme Energy every Monday at 09:00');

    const [subscription] = await store.db.select().from(digestSubscriptions).where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.channelId, ENGLISH_CHANNEL)));
    expect(subscription?.platform).toBe('teams');
    expect(subscription?.locale).toBe('en');
    const reference = await findChannelConversation(store.db, tenantId, subscription!.channelId);
    expect(reference?.conversationType).toBe('channel');
    expect(reference?.serviceUrl).toBe(connector.url);
  });

  it('subscribes another channel in French', async () => {
    const [card] = await sayInChannel(FRENCH_CHANNEL, 'digest subscribe Acme Energy', 'fr-FR');
    expect(cardText(card)).toContain('Ce canal recevra le point de couverture pour Acme Energy chaque lundi à 09:00');
    const [subscription] = await store.db.select().from(digestSubscriptions).where(and(eq(digestSubscriptions.tenantId, tenantId), eq(digestSubscriptions.channelId, FRENCH_CHANNEL)));
    expect(subscription?.locale).toBe('fr');
  });

  it('refuses a subscription in a personal chat', async () => {
    connector.reset();
    await server.post(message(scene, seller, 'digest subscribe Acme Energy'));
    expect(cardText(connector.cards[0])).toContain('Digests are posted to channels.');
  });

  it('previews the digest as cards', async () => {
    const [card] = await sayInChannel(ENGLISH_CHANNEL, 'digest preview');
    expect(card.type).toBe('AdaptiveCard');
    expect(cardText(card)).toContain('Coverage digest preview: Acme Energy');
    expect(cardText(card)).toContain('Grid Modernisation · Acme Energy');
    expect(cardButtons(card).some((button) => button.data.actionId === 'deal.outreach.assign')).toBe(true);

    const [french] = await sayInChannel(FRENCH_CHANNEL, 'digest preview', 'fr-FR');
    expect(cardText(french)).toContain('Grid Modernisation · Acme Energy');
    expect(cardText(french)).toContain('Score de couverture');
  });

  it('posts a due digest to each channel in its language', async () => {
    const subscriptions = await store.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.tenantId, tenantId));
    const due = Math.max(...subscriptions.map((subscription) => subscription.nextRunAt!.getTime()));
    const clock = fakeClock(new Date(due + 30_000));
    connector.reset();
    await runTick(teamsJobDeps(server, clock));
    await runTick(teamsJobDeps(server, clock));

    const english = connector.sent.filter((request) => request.conversationId === ENGLISH_CHANNEL);
    const french = connector.sent.filter((request) => request.conversationId === FRENCH_CHANNEL);
    expect(english.length).toBeGreaterThanOrEqual(2);
    expect(french.length).toBe(english.length);
    expect(connector.sent).toHaveLength(english.length + french.length);
    expect(cardText(english[0]!.body)).toContain('Weekly coverage digest: Acme Energy');
    expect(cardText(french[0]!.body)).toContain('Point hebdomadaire de couverture : Acme Energy');

    const messages = await store.db.select().from(outboundMessages).where(eq(outboundMessages.tenantId, tenantId));
    expect(messages.map((row) => row.status)).toEqual(['sent', 'sent']);
    posted = english.find((request) => cardButtons(request.body).some((button) => button.data.actionId === 'deal.outreach.assign'))!;
    expect(posted).toBeDefined();
  });

  it('assigns the outreach from the digest button', async () => {
    const assign = cardButtons(posted.body).find((button) => button.data.actionId === 'deal.outreach.assign');
    await click(ENGLISH_CHANNEL, assign.data, posted.responseId!);

    expect(connector.updates).toHaveLength(0);
    expect(connector.sent[0]!.conversationId).toBe(`${ENGLISH_CHANNEL};messageid=${posted.responseId}`);
    expect(cardText(connector.cards[0])).toContain('Camille Martin will reach Jane Doe for Grid Modernisation.');
    const [assignment] = await store.db.select().from(outreachAssignments).where(eq(outreachAssignments.dealId, dealId));
    expect(assignment?.memberId).toBe(sellerId);
    expect(assignment?.contactId).toBe(janeId);
    expect(assignment?.status).toBe('open');
  });

  it('opens the outreach form from "Log result"', async () => {
    await click(ENGLISH_CHANNEL, { verb: 'o2o', actionId: 'deal.outreach.log', value: logActionValue(dealId, janeId) }, 'activity-coverage-1');
    const [form] = connector.cards;
    expect(form.body[0].text).toBe('Log the result of an outreach');
    expect(form.body[1].text).toBe('How did the outreach to Jane Doe for Grid Modernisation go?');
    const outcome = form.body.find((element: any) => element.id === 'outcome');
    expect(outcome.choices.map((choice: any) => choice.value)).toEqual(['reached', 'no_response', 'declined']);
    expect(form.actions[0].data).toEqual({ verb: 'o2o.outreach', dealId, contactId: janeId });
  });

  it('shows a missing outcome on the form', async () => {
    await click(ENGLISH_CHANNEL, { verb: 'o2o.outreach', dealId, contactId: janeId, note: 'Left a message' }, 'activity-outreach-1');
    expect(connector.updates).toHaveLength(1);
    const form = connector.updates[0]!.body.attachments[0].content;
    expect(form.body[2].color).toBe('Attention');
    expect(form.body.find((element: any) => element.id === 'note').value).toBe('Left a message');
    const [assignment] = await store.db.select().from(outreachAssignments).where(eq(outreachAssignments.dealId, dealId));
    expect(assignment?.status).toBe('open');
  });

  it('logs the outreach result in place of the form', async () => {
    await click(ENGLISH_CHANNEL, { verb: 'o2o.outreach', dealId, contactId: janeId, outcome: 'reached', strength: '3', note: 'Lunch at the summit' }, 'activity-outreach-2');
    expect(connector.updates).toHaveLength(1);
    expect(connector.updates[0]!.activityId).toBe('activity-outreach-2');
    expect(cardText(connector.updates[0]!.body)).toContain('Outreach to Jane Doe for Grid Modernisation logged: reached.');
    const [assignment] = await store.db.select().from(outreachAssignments).where(eq(outreachAssignments.dealId, dealId));
    expect(assignment?.status).toBe('done');
    expect(assignment?.outcome).toBe('reached');
    const logged = await store.db.select().from(interactions).where(eq(interactions.tenantId, tenantId));
    expect(logged.map((row) => row.note)).toContain('Lunch at the summit');
  });

  it('shows the power map from its button', async () => {
    await click(ENGLISH_CHANNEL, { verb: 'o2o', actionId: 'deal.power-map', value: mapActionValue({ type: 'deal', id: dealId }) }, 'activity-coverage-2');
    const [card] = connector.cards;
    expect(card.body[0].text).toBe('Grid Modernisation — Acme Energy: power map');
    const image = card.body.find((element: any) => element.type === 'Image');
    expect(image.url).toMatch(/^data:image\/png;base64,/);
    expect(image.altText).toContain('Power map of Grid Modernisation');
    expect(Buffer.byteLength(JSON.stringify(connector.sent[0]!.body))).toBeLessThan(80 * 1024);
  });

  it('asks the deal team from a channel', async () => {
    const [card] = await sayInChannel(ENGLISH_CHANNEL, 'ask team Grid Modernisation');
    expect(cardText(card)).toMatch(/Sent \d+ questions? to the Grid Modernisation deal team\./);
    const [french] = await sayInChannel(FRENCH_CHANNEL, 'ask team Grid Modernisation', 'fr-FR');
    expect(cardText(french)).toContain('Rien à demander à l’équipe de l’affaire Grid Modernisation');
  });
});
