import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Store } from '../../src/store/database.js';
import { contacts, interactionMembers, interactions, members, tenants } from '../../src/store/schema.js';
import { teamsTenantKey } from '../../src/teams/turn.js';
import { openTestStore } from '../helpers/store.js';
import { FakeConnector } from './helpers/fake-connector.js';
import { fixture, message, newScene, newSender, startTeamsServer, type Scene, type TeamsServer } from './helpers/teams-server.js';

const SIGNED_MESSAGE =
  '<p>Thanks for today, see the proposal attached.</p><p>Best regards,<br>Marie Dupont<br>Head of Procurement<br>Société Générale<br>marie.dupont@socgen.example<br>+33 1 42 14 20 00</p>';

function fieldValue(card: any, id: string): string | undefined {
  return card.body.find((element: any) => element.id === id)?.value;
}

function errorAfter(card: any, id: string): string | undefined {
  const index = card.body.findIndex((element: any) => element.id === id);
  const next = card.body[index + 1];
  return next?.color === 'Attention' ? next.text : undefined;
}

describe('Teams message-extension actions', () => {
  let store: Store;
  let connector: FakeConnector;
  let server: TeamsServer;
  let scene: Scene;
  const seller = newSender('Camille Martin');

  /** Builds an invoke as Teams sends it for an action started on a channel message. */
  function invoke(name: string, value: Record<string, unknown>, locale = 'en-US') {
    const base = fixture('fetch-task-from-channel-message', scene);
    base.from = seller;
    base.locale = locale;
    base.name = name;
    base.value = { ...base.value, ...value };
    return base;
  }

  function payloadWith(body: string, extra: Record<string, unknown> = {}) {
    const base = fixture('fetch-task-from-channel-message', scene).value.messagePayload;
    return { ...base, body: { contentType: 'html', content: body }, mentions: [], ...extra };
  }

  beforeAll(async () => {
    store = await openTestStore();
    connector = await new FakeConnector().start();
    server = await startTeamsServer(store);
    scene = newScene(connector.url);
    await server.post(message(scene, seller, 'contact add "Jane Doe" at Acme Energy'));
  });

  afterAll(async () => {
    await server.close();
    await connector.stop();
    await store.close();
  });

  it('opens the recorded fetchTask with the message as the note', async () => {
    const response = await server.post(invoke('composeExtension/fetchTask', {}));
    expect(response.status).toBe(200);
    expect(response.body.task.type).toBe('continue');
    const card = response.body.task.value.card.content;
    expect(fieldValue(card, 'note')).toBe('Relay Bot - Hi');
    expect(fieldValue(card, 'occurredOn')).toBe('2021-01-19');
    expect(fieldValue(card, 'channel')).toBe('chat');
    expect(card.actions[0].data.messageLink).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/message\//);
  });

  it('leaves the app author and app mentions out of the colleagues', async () => {
    const payload = payloadWith('<p>Deploy done</p>', {
      from: { user: null, application: { id: 'app-1', displayName: 'Build Bot', applicationIdentityType: 'bot' } },
      mentions: [{ id: 0, mentionText: 'Relay Bot', mentioned: { application: { id: 'x', displayName: 'Relay Bot' } } }],
    });
    const response = await server.post(invoke('composeExtension/fetchTask', { messagePayload: payload }));
    const card = response.body.task.value.card.content;
    expect(fieldValue(card, 'members')).toBe('');
    expect(fieldValue(card, 'note')).toBe('Deploy done');
  });

  it('fills the colleagues from the author and the mentioned users', async () => {
    const colleague = { id: 'b5c1f0a2-7e55-4d8f-9b1c-2d3e4f5a6b7c', displayName: 'Paul Martin', userIdentityType: 'aadUser' };
    const payload = payloadWith('<div><at id="0">Paul Martin</at> met them</div>', {
      from: { user: { id: '0c1d2e3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5', displayName: 'Léa Petit', userIdentityType: 'aadUser' } },
      mentions: [{ id: 0, mentionText: 'Paul Martin', mentioned: { user: colleague } }],
    });
    const response = await server.post(invoke('composeExtension/fetchTask', { messagePayload: payload }));
    const card = response.body.task.value.card.content;
    expect(fieldValue(card, 'members')).toBe('Léa Petit, Paul Martin');
    expect(fieldValue(card, 'note')).toBe('Paul Martin met them');
  });

  it('opens an empty form from the compose box', async () => {
    const response = await server.post(invoke('composeExtension/fetchTask', { commandContext: 'compose', messagePayload: undefined }));
    const card = response.body.task.value.card.content;
    expect(fieldValue(card, 'note')).toBe('');
    expect(fieldValue(card, 'occurredOn')).toBe(new Date().toISOString().slice(0, 10));
  });

  it('fills the contact form from the signature, in French', async () => {
    const response = await server.post(invoke('composeExtension/fetchTask', { commandId: 'addContact', messagePayload: payloadWith(SIGNED_MESSAGE) }, 'fr-FR'));
    const task = response.body.task.value;
    expect(task.title).toBe('Ajouter un contact');
    const card = task.card.content;
    expect(fieldValue(card, 'name')).toBe('Marie Dupont');
    expect(fieldValue(card, 'title')).toBe('Head of Procurement');
    expect(fieldValue(card, 'account')).toBe('Société Générale');
    expect(fieldValue(card, 'email')).toBe('marie.dupont@socgen.example');
  });

  it('tolerates an empty message body', async () => {
    const response = await server.post(invoke('composeExtension/fetchTask', { commandId: 'addContact', messagePayload: payloadWith('') }));
    expect(response.status).toBe(200);
    expect(fieldValue(response.body.task.value.card.content, 'name')).toBe('');
  });

  it('saves a contact and confirms in the dialog', async () => {
    const data = { verb: 'o2o.form', form: 'contact', account: 'Société Générale', name: 'Marie Dupont', title: 'Head of Procurement', email: 'marie.dupont@socgen.example' };
    const response = await server.post(invoke('composeExtension/submitAction', { commandId: 'addContact', data }));
    const card = response.body.task.value.card.content;
    expect(JSON.stringify(card)).toContain('Added Marie Dupont to Société Générale.');
    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    const [contact] = await store.db.select().from(contacts).where(and(eq(contacts.tenantId, tenant!.id), eq(contacts.email, 'marie.dupont@socgen.example')));
    expect(contact?.name).toBe('Marie Dupont');
  });

  it('shows the errors next to the fields and keeps the values', async () => {
    const data = { verb: 'o2o.form', form: 'contact', account: '', name: '', email: 'not-an-address' };
    const response = await server.post(invoke('composeExtension/submitAction', { commandId: 'addContact', data }));
    const card = response.body.task.value.card.content;
    expect(errorAfter(card, 'account')).toBe('Fill in this field.');
    expect(errorAfter(card, 'name')).toBeDefined();
    expect(fieldValue(card, 'email')).toBe('not-an-address');
  });

  it('logs an interaction from a message with the link and the people', async () => {
    const paul = { name: 'Paul Martin', aadObjectId: 'b5c1f0a2-7e55-4d8f-9b1c-2d3e4f5a6b7c' };
    const data = {
      verb: 'o2o.form',
      form: 'interaction',
      occurredOn: '2026-11-02',
      channel: 'chat',
      contacts: 'Jane Doe',
      members: 'Paul Martin',
      note: 'Asked for the proposal',
      people: [paul],
      messageLink: 'https://teams.microsoft.com/l/message/19:abc@thread.skype/1611060744833',
    };
    const response = await server.post(invoke('composeExtension/submitAction', { data }));
    expect(JSON.stringify(response.body.task.value.card.content)).toContain('Logged the interaction');

    const [tenant] = await store.db.select().from(tenants).where(eq(tenants.externalKey, teamsTenantKey(scene.tenantId)));
    const [logged] = await store.db.select().from(interactions).where(eq(interactions.tenantId, tenant!.id));
    expect(logged?.messageLink).toBe(data.messageLink);
    expect(logged?.accountId).not.toBeNull();
    const people = await store.db.select().from(interactionMembers).where(eq(interactionMembers.interactionId, logged!.id));
    expect(people).toHaveLength(2);
    const [paulMember] = await store.db.select().from(members).where(and(eq(members.tenantId, tenant!.id), eq(members.teamsAadObjectId, paul.aadObjectId)));
    expect(paulMember?.name).toBe('Paul Martin');
  });

  it('closes the dialog on Close', async () => {
    const response = await server.post(invoke('composeExtension/submitAction', { data: { verb: 'o2o.close' } }));
    expect(response.status).toBe(200);
    expect(response.body.task).toBeUndefined();
  });

  it('answers an unknown command with a message', async () => {
    const response = await server.post(invoke('composeExtension/fetchTask', { commandId: 'removed-command' }));
    expect(response.body.task.type).toBe('message');
    expect(response.body.task.value).toContain('does not know this action');
  });
});
