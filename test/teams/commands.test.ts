import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { upsertContact } from '../../src/app/contacts.js';
import type { Store } from '../../src/store/database.js';
import { accounts, contacts, digestSubscriptions, interactionContacts, interactionMembers, interactions, members, relationships, teamsConversations, tenants } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { BOT, channelConversation, fixture, message, newScene, newSender, startTeamsServer, type Scene, type Sender, type TeamsServer } from './helpers/teams-server.js';

function cardText(card: unknown): string {
  return JSON.stringify(card);
}

function mentionOf(user: { id: string; name: string }) {
  return { type: 'mention', text: `<at>${user.name}</at>`, mentioned: { id: user.id, name: user.name } };
}

describe('Teams commands', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  let seller: Sender;
  let colleague: Sender;
  let tenantId: string;

  async function say(text: string, options: Parameters<typeof message>[3] = {}) {
    connector.reset();
    const response = await server.post(message(scene, seller, text, options));
    expect(response.status).toBe(200);
    return connector.cards;
  }

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);
    seller = newSender('Camille Martin');
    colleague = newSender('Bob Durand');
    connector.addUser({ ...colleague, email: 'bob.durand@seller.example', tenantId: scene.tenantId });

    await say('contact add "Jane Doe" at Acme Energy title CFO');
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    tenantId = tenant!.id;
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  it('answers the recorded personal message with its usage error', async () => {
    connector.reset();
    const activity = fixture('personal-chat-message', scene);
    await server.post(activity);
    const [card] = connector.cards;
    expect(card.body[0].color).toBe('Attention');
    expect(cardText(card)).toContain("'unlink' is not a command.");
  });

  it('replies in the conversation it was asked in', async () => {
    connector.reset();
    await server.post(message(scene, seller, 'help'));
    expect(connector.sent[0]!.conversationId).toBe(`a:${seller.aadObjectId}`);
  });

  it('answers help in English', async () => {
    const [card] = await say('help');
    expect(card.version).toBe('1.5');
    expect(cardText(card)).toContain('What you can ask o2o');
  });

  it('answers help in French for a French client', async () => {
    const [card] = await say('help', { locale: 'fr-FR' });
    expect(cardText(card)).toContain('Ce que vous pouvez demander à o2o');
  });

  it('registers the sender as a member with their name', async () => {
    const [member] = await store.db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.teamsAadObjectId, seller.aadObjectId)));
    expect(member?.name).toBe('Camille Martin');
  });

  it('adds a contact and its account', async () => {
    const [account] = await store.db.select().from(accounts).where(and(eq(accounts.tenantId, tenantId), eq(accounts.name, 'Acme Energy')));
    expect(account).toBeDefined();
    const [contact] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenantId), eq(contacts.name, 'Jane Doe')));
    expect(contact?.title).toBe('CFO');
    expect(contact?.accountId).toBe(account!.id);
  });

  it('records a relationship and confirms in French', async () => {
    const [card] = await say('know "Jane Doe" at Acme Energy strength 4', { locale: 'fr-FR' });
    expect(cardText(card)).toContain('vous connaissez Jane Doe, force 4');
    const rows = await store.db.select().from(relationships).where(eq(relationships.tenantId, tenantId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.strength).toBe(4);
  });

  it('strips the bot mention in a channel and keeps the channel reference', async () => {
    const { conversation, channelData } = channelConversation(scene, '19:team@thread.tacv2', '19:general@thread.tacv2');
    const cards = await say('<at>o2o</at> help', { conversation, channelData, entities: [mentionOf(BOT)] });
    expect(cardText(cards[0])).toContain('What you can ask o2o');
    const [stored] = await store.db
      .select()
      .from(teamsConversations)
      .where(and(eq(teamsConversations.tenantId, tenantId), eq(teamsConversations.conversationId, '19:general@thread.tacv2')));
    expect(stored?.conversationType).toBe('channel');
    expect(stored?.teamId).toBe('19:team@thread.tacv2');
  });

  it('resolves a mentioned colleague to a member', async () => {
    await say(`who-knows <at>${colleague.name}</at>`, { entities: [mentionOf(colleague)] });
    const [member] = await store.db.select().from(members).where(and(eq(members.tenantId, tenantId), eq(members.teamsAadObjectId, colleague.aadObjectId)));
    expect(member?.name).toBe('Bob Durand');
    expect(member?.email).toBe('bob.durand@seller.example');
  });

  it('opens the interaction form with the mentioned colleague', async () => {
    const [card] = await say(`log lunch with <at>${colleague.name}</at>`, { entities: [mentionOf(colleague)] });
    const members = card.body.find((element: any) => element.id === 'members');
    expect(members.value).toBe('Bob Durand');
    const note = card.body.find((element: any) => element.id === 'note');
    expect(note.value).toContain('lunch with');
    expect(card.actions[0].data.people).toEqual([{ name: 'Bob Durand', aadObjectId: colleague.aadObjectId }]);
  });

  it('saves a submitted interaction form and updates its card', async () => {
    connector.reset();
    const value = {
      verb: 'o2o.form',
      form: 'interaction',
      occurredOn: '2026-11-20',
      channel: 'meeting',
      contacts: 'Jane Doe',
      account: 'Acme Energy',
      members: 'Bob Durand',
      note: 'Renewal lunch',
      people: [{ name: 'Bob Durand', aadObjectId: colleague.aadObjectId }],
    };
    await server.post(message(scene, seller, '', { value, replyToId: 'activity-form-1' }));

    expect(connector.updates).toHaveLength(1);
    expect(connector.updates[0]!.activityId).toBe('activity-form-1');
    expect(cardText(connector.updates[0]!.body)).toContain('Logged the interaction');
    const [interaction] = await store.db.select().from(interactions).where(eq(interactions.tenantId, tenantId));
    expect(interaction?.note).toBe('Renewal lunch');
    const people = await store.db.select().from(interactionMembers).where(eq(interactionMembers.interactionId, interaction!.id));
    expect(people).toHaveLength(2);
    const met = await store.db.select().from(interactionContacts).where(eq(interactionContacts.interactionId, interaction!.id));
    expect(met).toHaveLength(1);
  });

  it('shows a typo in a form next to its field', async () => {
    connector.reset();
    const value = { verb: 'o2o.form', form: 'interaction', occurredOn: '2026-11-21', contacts: 'Jane Doee', account: 'Acme Energy' };
    await server.post(message(scene, seller, '', { value, replyToId: 'activity-form-2' }));
    const card = connector.updates[0]!.body.attachments[0].content;
    const index = card.body.findIndex((element: any) => element.id === 'contacts');
    expect(card.body[index + 1].color).toBe('Attention');
    expect(card.body[index + 1].text).toContain('Jane Doe');
    expect(card.body[index].value).toBe('Jane Doee');
  });

  it('runs the command of a card button as a new message', async () => {
    connector.reset();
    await server.post(message(scene, seller, '', { value: { verb: 'o2o', actionId: 'run', value: 'help' }, replyToId: 'activity-9' }));
    expect(connector.updates).toHaveLength(0);
    expect(cardText(connector.cards[0])).toContain('What you can ask o2o');
  });

  it('pages a long answer in place of its card', async () => {
    const ctx = { db: store.db, tenantId, actor: null };
    for (let index = 1; index <= 12; index++) await upsertContact(ctx, { account: 'Globex', name: `Person ${String(index).padStart(2, '0')}` });

    const [first] = await say('contacts Globex');
    const actions = first.body.flatMap((element: any) => (element.type === 'ActionSet' ? element.actions : []));
    const more = actions.find((action: any) => action.data.actionId === 'page');
    expect(more).toBeDefined();

    connector.reset();
    await server.post(message(scene, seller, '', { value: more.data, replyToId: 'activity-contacts-1' }));
    expect(connector.sent).toHaveLength(0);
    expect(connector.updates).toHaveLength(1);
    expect(connector.updates[0]!.activityId).toBe('activity-contacts-1');
    expect(cardText(connector.updates[0]!.body)).toContain('Person 11');
  });

  it('leaves private relationships out of answers in a channel', async () => {
    await say('know "Jane Doe" at Acme Energy strength 5');
    const [row] = await store.db.select().from(relationships).where(eq(relationships.tenantId, tenantId));
    await store.db.update(relationships).set({ visibility: 'private' }).where(eq(relationships.id, row!.id));

    const [personal] = await say('who-knows Jane Doe');
    expect(cardText(personal)).toContain('Camille Martin');
    const { conversation, channelData } = channelConversation(scene, '19:team@thread.tacv2', '19:general@thread.tacv2');
    const [shared] = await say('<at>o2o</at> who-knows Jane Doe', { conversation, channelData, entities: [mentionOf(BOT)] });
    expect(cardText(shared)).not.toContain('Camille Martin');
  });

  it('leaves private relationships out of coverage in a channel', async () => {
    await say('know "Jane Doe" at Acme Energy strength 5');
    await store.db.update(relationships).set({ visibility: 'private' }).where(eq(relationships.tenantId, tenantId));
    await say('deal create "Acme Energy" "Grid upgrade"');
    await say('deal committee add "Grid upgrade" "Jane Doe" --role champion');

    const [personal] = await say('coverage "Grid upgrade"');
    expect(cardText(personal)).toContain('Camille Martin');
    const { conversation, channelData } = channelConversation(scene, '19:team@thread.tacv2', '19:general@thread.tacv2');
    const [shared] = await say('<at>o2o</at> coverage "Grid upgrade"', { conversation, channelData, entities: [mentionOf(BOT)] });
    expect(cardText(shared)).toContain('Jane Doe');
    expect(cardText(shared)).not.toContain('Camille Martin');
  });

  it('shows a typed power map inside the card', async () => {
    await say('know "Jane Doe" at Acme Energy strength 4');
    const [card] = await say('map "Acme Energy"');
    const images = (card.body as Array<{ type: string; url?: string }>).filter((element) => element.type === 'Image');
    expect(images).toHaveLength(1);
    expect(images[0]!.url).toMatch(/^data:image\/png;base64,/);
  });

  it('subscribes a channel to the weekly digest', async () => {
    const { conversation, channelData } = channelConversation(scene, '19:team@thread.tacv2', '19:deals@thread.tacv2');
    await say('<at>o2o</at> digest subscribe', { conversation, channelData, entities: [mentionOf(BOT)] });
    const [subscription] = await store.db.select().from(digestSubscriptions).where(eq(digestSubscriptions.tenantId, tenantId));
    expect(subscription?.platform).toBe('teams');
    expect(subscription?.channelId).toBe('19:deals@thread.tacv2');
  });

  it('handles a repeated delivery once', async () => {
    const activity = message(scene, seller, 'help');
    connector.reset();
    await server.post(activity);
    await server.post(activity);
    expect(connector.sent).toHaveLength(1);
  });
});
