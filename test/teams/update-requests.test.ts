import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { logRelationship } from '../../src/app/relationships.js';
import { runTick } from '../../src/jobs/scheduler.js';
import type { Store } from '../../src/store/database.js';
import { contacts, members, relationshipHistory, relationships, tenants, updateRequests } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { testContext } from '../helpers/store.js';
import { FakeConnector, type RecordedRequest } from './helpers/fake-connector.js';
import { cardButtons, cardText, fakeClock, openSchedulerStore, teamsJobDeps, type FakeClock } from './helpers/scheduler.js';
import { message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

const DAY = 86_400_000;

function mentionOf(user: { id: string; name: string }) {
  return { type: 'mention', text: `<at>${user.name}</at>`, mentioned: { id: user.id, name: user.name } };
}

describe('update requests in Teams', () => {
  let opened: Awaited<ReturnType<typeof openSchedulerStore>>;
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  let clock: FakeClock;
  let tenantId: string;
  let janeId: string;
  // The question cards sent to Bob and to Carol, as the connector received them.
  let toBob: RecordedRequest;
  let toCarol: RecordedRequest;
  const seller = newSender('Camille Martin');
  const bob = newSender('Bob Durand');
  const carol = newSender('Carol Smith');
  // Cards the scheduler sent to each member, in order.
  const cardsTo = (sender: Sender, conversationId = `a:${sender.aadObjectId}`) => connector.sent.filter((request) => request.conversationId === conversationId);

  async function say(from: Sender, text: string, options: Parameters<typeof message>[3] = {}) {
    connector.reset();
    const response = await server.post(message(scene, from, text, options));
    expect(response.status).toBe(200);
    return connector.cards;
  }

  async function memberId(sender: Sender): Promise<string> {
    const [row] = await store.db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.teamsAadObjectId, sender.aadObjectId)));
    return row!.id;
  }

  beforeAll(async () => {
    opened = await openSchedulerStore('o2o_teams_requests');
    store = opened.store;
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);
    connector.addUser({ ...bob, tenantId: scene.tenantId });
    connector.addUser({ ...carol, email: 'carol.smith@seller.example', tenantId: scene.tenantId });

    await say(seller, 'contact add "Jane Doe" at Acme Energy title CFO');
    // Bob writes to the bot first, in French: his personal chat is on record.
    await say(bob, 'help', { locale: 'fr-FR' });
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    tenantId = tenant!.id;
    // No planned questions: only the ones asked below go out.
    await store.db.update(tenants).set({ settings: { updateRequests: { weeklyCap: 0 } } }).where(eq(tenants.id, tenantId));
    const [jane] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.name, 'Jane Doe')));
    janeId = jane!.id;
    const bobId = await memberId(bob);
    await logRelationship(testContext(store, tenantId, { actor: { memberId: bobId, name: bob.name } }), { memberId: bobId, contactId: janeId, strength: 2 });
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await opened.close();
  });

  it('asks a mentioned colleague', async () => {
    const [card] = await say(seller, `ask <at>${bob.name}</at> about Jane Doe`, { entities: [mentionOf(bob)] });
    expect(cardText(card)).toContain('Sent to Bob Durand: a question about Jane Doe.');
    const requests = await store.db.select().from(updateRequests).where(eq(updateRequests.memberId, await memberId(bob)));
    expect(requests).toHaveLength(1);
    expect(requests[0]!.reason).toBe('asked');
    expect(requests[0]!.status).toBe('pending');
  });

  it('asks in French a colleague the bot has never met', async () => {
    const [card] = await say(seller, `ask <at>${carol.name}</at> about Jane Doe at Acme Energy`, { entities: [mentionOf(carol)], locale: 'fr-FR' });
    expect(cardText(card)).toContain('Question envoyée à Carol Smith concernant Jane Doe.');
    const [member] = await store.db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.teamsAadObjectId, carol.aadObjectId)));
    expect(member?.email).toBe('carol.smith@seller.example');
  });

  it('sends each question to a personal chat with five answers', async () => {
    // The questions were asked on the real clock; the scheduler runs a minute later.
    clock = fakeClock(new Date(Date.now() + 60_000));
    connector.reset();
    await runTick(teamsJobDeps(server, clock));

    expect(cardsTo(bob)).toHaveLength(1);
    toBob = cardsTo(bob)[0]!;
    const bobCard = toBob.body.attachments[0].content;
    const answers = cardButtons(bobCard).filter((button) => button.data.actionId === 'update-request.answer');
    expect(answers.map((button) => button.title)).toEqual(['Toujours solide', 'Plus distante', 'Perdue de vue', 'Je ne la connais pas', 'Plus tard (2 semaines)']);
    expect(cardButtons(bobCard).filter((button) => button.data.actionId === 'update-request.details')).toHaveLength(1);
    expect(cardText(bobCard)).toContain('Camille Martin aimerait savoir');
  });

  it('opens a personal chat for a colleague who has none', async () => {
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]!.body.members).toEqual([{ id: carol.aadObjectId, name: '' }]);
    const sent = connector.sent.filter((request) => request.conversationId === connector.created[0]!.responseId);
    expect(sent).toHaveLength(1);
    toCarol = sent[0]!;
    expect(cardText(toCarol.body)).toContain('Still strong');
  });

  it('opens the relationship form from "Update details"', async () => {
    const details = cardButtons(toCarol.body.attachments[0].content).find((button) => button.data.actionId === 'update-request.details');
    connector.reset();
    const conversation = { id: toCarol.conversationId, conversationType: 'personal', tenantId: scene.tenantId };
    await server.post(message(scene, carol, '', { value: details.data, replyToId: toCarol.responseId, conversation }));
    expect(connector.updates).toHaveLength(0);
    const [form] = connector.cards;
    expect(form.body[0].text).toBe('Log a relationship');
    expect(form.body.find((element: any) => element.id === 'contact').value).toBe('Jane Doe');
    expect(form.body.find((element: any) => element.id === 'account').value).toBe('Acme Energy');
  });

  it('refuses an answer from someone else', async () => {
    const strong = cardButtons(toBob.body.attachments[0].content).find((button) => button.data.value.endsWith(':strong'));
    const cards = await say(seller, '', { value: strong.data, replyToId: toBob.responseId });
    expect(cardText(cards[0])).toContain('Only the person this question was sent to can answer it.');
    expect(connector.updates).toHaveLength(0);
  });

  it('records "still strong" and replaces the card with it', async () => {
    const strong = cardButtons(toBob.body.attachments[0].content).find((button) => button.data.value.endsWith(':strong'));
    connector.reset();
    await server.post(message(scene, bob, '', { value: strong.data, replyToId: toBob.responseId, locale: 'fr-FR' }));

    expect(connector.sent).toHaveLength(0);
    expect(connector.updates).toHaveLength(1);
    expect(connector.updates[0]!.conversationId).toBe(`a:${bob.aadObjectId}`);
    expect(connector.updates[0]!.activityId).toBe(toBob.responseId);
    const replaced = cardText(connector.updates[0]!.body);
    expect(replaced).toContain('Enregistré : relation forte. Merci.');
    expect(replaced).not.toContain('Toujours solide');

    const [relationship] = await store.db.select().from(relationships).where(and(eq(relationships.memberId, await memberId(bob)), eq(relationships.contactId, janeId)));
    expect(relationship!.strength).toBe(4);
    const history = await store.db.select().from(relationshipHistory).where(eq(relationshipHistory.relationshipId, relationship!.id));
    expect(history.some((row) => row.field === 'strength' && row.oldValue === '2' && row.newValue === '4')).toBe(true);
    const [request] = await store.db.select().from(updateRequests).where(eq(updateRequests.memberId, await memberId(bob)));
    expect(request!.status).toBe('answered');
    expect(request!.answer).toBe('strong');
  });

  it('reminds only the colleague who did not answer', async () => {
    connector.reset();
    const start = clock.now().getTime();
    for (let day = 1; day <= 6; day++) {
      // Noon UTC each day: after the daily planning, inside working hours on weekdays.
      clock.set(new Date(Math.floor((start + day * DAY) / DAY) * DAY + 12 * 3_600_000));
      await runTick(teamsJobDeps(server, clock));
    }
    expect(cardsTo(bob)).toHaveLength(0);
    expect(connector.sent).toHaveLength(1);
    expect(connector.sent[0]!.conversationId).toBe(toCarol.conversationId);
    expect(cardText(connector.sent[0]!.body)).toContain('Still a minute for these?');
  });
});
